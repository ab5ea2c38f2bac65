using System.Diagnostics;
using RedPacket.Domain.Common;
using RedPacket.Domain.Observability;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// A tap: the rules (<see cref="GrabRules"/>), the atomic claim in Redis, then the claim's fate in MySQL
/// (<see cref="ClaimSettler"/>, which owns it from there). Late taps on a sold-out packet, and repeat taps of a settled
/// claim, are answered by Redis or this node's memory alone. Expected refusals (sold out, expired, not a member,
/// someone else's exclusive packet) are answers, not exceptions.
/// </summary>
public sealed class PacketGrabber(
    GrabRules rules,
    RedisPacketStore redis,
    RedisPacketLoader cache,
    ClaimSettler settler,
    SoldOutMemo soldOut,
    IGrabThrottle throttle,
    DatabaseOnlyGrabber databaseOnly,
    RedPacket.Domain.Chat.ChatService chat,
    RecentActivity recent,
    RedPacketMetrics metrics)
{
    // A claim dropped by MySQL (the share went elsewhere after a Redis rebuild) is retried with a new share; a missing
    // Redis state is rebuilt. Both are rare: a few rounds are plenty.
    private const int MaxRounds = 4;

    public Task<GrabAnswer> GrabAsync(long packetId, string userId, CancellationToken ct = default) => GrabAsync(packetId, userId, null, ct);

    /// <summary>A tap; <paramref name="phrase"/> is what the member sends to open a password packet (口令红包).</summary>
    public async Task<GrabAnswer> GrabAsync(long packetId, string userId, string? phrase, CancellationToken ct = default)
    {
        using var activity = RedPacketActivities.Source.StartActivity(RedPacketActivities.Grab);
        activity?.SetTag(RedPacketActivities.PacketIdTag, packetId);
        var answer = await AnswerAsync(packetId, userId, phrase, ct);
        var outcome = answer.Result?.Outcome switch
        {
            GrabOutcome.Claimed => "claimed",
            GrabOutcome.AlreadyClaimed => "already_claimed",
            _ => answer.Refusal!.Code,
        };
        metrics.Grabbed(outcome);
        recent.Grabbed();
        activity?.SetTag(RedPacketActivities.OutcomeTag, outcome);
        // Busy is the one refusal that means something failed (the settle); the others are the rules answering.
        if (activity is not null && answer.Refusal?.Code == ErrorCodes.Busy) activity.SetStatus(ActivityStatusCode.Error);
        return answer;
    }

    private async Task<GrabAnswer> AnswerAsync(long packetId, string userId, string? phrase, CancellationToken ct)
    {
        var (facts, refusal) = await rules.CheckAsync(packetId, userId, phrase, ct);
        if (refusal is not null) return refusal;
        // QQ's 口令红包: the right phrase is said in the chat, as the member's own line, and then the tap goes on.
        if (facts!.Phrase is { } said) await chat.PostAsync(facts.GroupId, userId, said, ct);
        if (rules.HasExpired(facts!))
        {
            // Taps on an expired packet cost Redis (and sometimes one query) too: they spend the budget like any other.
            if (await throttle.HoldBackAsync(userId) is { } later) return new GrabAnswer(null, GrabRefusal.TooMany(later));
            return await rules.AnswerExpiredAsync(packetId, userId, ct);
        }
        if (databaseOnly.IsOn) return await databaseOnly.GrabAsync(facts!, userId, ct);
        if (soldOut.TryAnswer(packetId, userId) is { } remembered) return remembered;
        // The budget across nodes is spent only by grabs that cost a Redis claim: the late taps a node answers from
        // memory above cost less than asking (each node still holds its own budget before any of this).
        if (await throttle.HoldBackAsync(userId) is { } wait) return new GrabAnswer(null, GrabRefusal.TooMany(wait));

        for (var round = 1; round <= MaxRounds; round++)
        {
            var reply = await redis.ClaimAsync(packetId, userId);
            switch (reply.Kind)
            {
                case ClaimReplyKind.Missing:
                    await cache.RebuildAsync(packetId, ct);
                    continue;
                case ClaimReplyKind.SoldOut:
                    soldOut.SoldOut(packetId);
                    return GrabAnswer.SoldOut;
                case ClaimReplyKind.Closed:
                    return GrabAnswer.Expired;
                case ClaimReplyKind.Settled:
                    return GrabAnswer.Granted(GrabOutcome.AlreadyClaimed, reply.Share!.Value.AmountCents, reply.SharesLeft);
            }

            var settling = Stopwatch.GetTimestamp();
            var fate = await settler.FinishAsync(packetId, new PendingClaim(userId, reply.Share!.Value), ct);
            recent.Settled(Stopwatch.GetElapsedTime(settling));
            switch (fate)
            {
                case ClaimFate.Paid paid:
                    // The pop in Redis is the one event that happens once per user; which request's settle commits
                    // first does not matter.
                    var outcome = reply.Kind == ClaimReplyKind.Claimed ? GrabOutcome.Claimed : GrabOutcome.AlreadyClaimed;
                    return GrabAnswer.Granted(outcome, paid.AmountCents, paid.RemainingCount);
                case ClaimFate.KeptOther kept:
                    return GrabAnswer.Granted(GrabOutcome.AlreadyClaimed, kept.Held.AmountCents, kept.RemainingCount);
                case ClaimFate.Dropped { Refunded: true }:
                    return GrabAnswer.Expired;
                case ClaimFate.Dropped:
                    continue; // that share went elsewhere: claim another
                case ClaimFate.Unsettled:
                    return GrabAnswer.Busy;
            }
        }
        return GrabAnswer.Busy;
    }
}
