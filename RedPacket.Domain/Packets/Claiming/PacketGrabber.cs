using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Observability;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// Grab: the membership check, the atomic claim in Redis, then the settle in MySQL through the packet's batch
/// writer. Late taps on a sold-out packet, and repeat taps of a settled claim, are answered by Redis alone.
/// Expected refusals (sold out, expired, not a member, someone else's exclusive packet) are answers, not exceptions.
/// </summary>
public sealed class PacketGrabber(
    PacketDirectory directory,
    GroupService groups,
    RedisPacketStore redis,
    PacketCache cache,
    SettleBatcher settler,
    SoldOutMemo soldOut,
    IGrabThrottle throttle,
    DatabaseOnlyGrabber databaseOnly,
    IDbContextFactory<RedPacketDb> contexts,
    IOptions<GrabOptions> options,
    RedPacketMetrics metrics,
    TimeProvider clock,
    ILogger<PacketGrabber> log)
{
    // A claim refused by MySQL (the share went elsewhere after a Redis rebuild) is retried with a new
    // share; a missing Redis state is rebuilt. Both are rare: a few rounds are plenty.
    private const int MaxRounds = 4;

    public async Task<GrabAnswer> GrabAsync(long packetId, string userId, CancellationToken ct = default)
    {
        using var activity = RedPacketActivities.Source.StartActivity(RedPacketActivities.Grab);
        activity?.SetTag(RedPacketActivities.PacketIdTag, packetId);
        var answer = await AnswerAsync(packetId, userId, ct);
        var outcome = answer.Result?.Outcome switch
        {
            GrabOutcome.Claimed => "claimed",
            GrabOutcome.AlreadyClaimed => "already_claimed",
            _ => answer.Refusal!.Code,
        };
        metrics.Grabbed(outcome);
        activity?.SetTag(RedPacketActivities.OutcomeTag, outcome);
        // Busy is the one refusal that means something failed (the settle); the others are the rules answering.
        if (activity is not null && answer.Refusal?.Code == ErrorCodes.Busy) activity.SetStatus(ActivityStatusCode.Error);
        return answer;
    }

    private async Task<GrabAnswer> AnswerAsync(long packetId, string userId, CancellationToken ct)
    {
        var facts = await directory.FindAsync(packetId, ct);
        // Outsiders learn nothing, not even that the packet exists: another group's packet answers like an unknown one.
        if (facts is null || !await groups.IsMemberAsync(facts.GroupId, userId, ct)) return GrabAnswer.NotFound;
        // Before the expiry read, the memo, the budget and the pop: a non-recipient never takes the one share, and
        // hears "not for you" rather than "sold out" or "expired".
        if (GrabAnswer.ForSomeoneElse(facts, userId) is { } notYours) return notYours;
        if (clock.GetUtcNow() >= facts.ExpiresAt) return await AnswerExpiredAsync(packetId, userId, ct);
        if (options.Value.Mode == GrabMode.Database) return await databaseOnly.GrabAsync(facts, userId, ct);
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

            var claim = reply.Share!.Value;
            SettleOutcome settled;
            try
            {
                settled = await settler.SettleAsync(packetId, new PendingClaim(userId, claim), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The batcher released the claim after checking, under the packet lock, that it did not commit (a claim
                // that did commit comes back as settled, not as an error); when even that check failed, the claim stays
                // in Redis and the next tap, or the reconciler, finishes it.
                return GrabAnswer.Busy;
            }
            switch (settled)
            {
                case SettleOutcome.Settled s:
                    // The pop in Redis is the one event that happens once per user; which request's settle
                    // commits first does not matter.
                    var outcome = reply.Kind == ClaimReplyKind.Claimed ? GrabOutcome.Claimed : GrabOutcome.AlreadyClaimed;
                    return GrabAnswer.Granted(outcome, s.AmountCents, s.RemainingCount);
                case SettleOutcome.HoldsOther h:
                    await redis.RepairAsync(packetId, userId, h.Held, claim);
                    return GrabAnswer.Granted(GrabOutcome.AlreadyClaimed, h.Held.AmountCents, await RemainingCountAsync(packetId, ct));
                case SettleOutcome.Gone g:
                    await redis.ForgetAsync(packetId, userId, claim);
                    if (g.Share == ShareStatus.Refunded || g.Packet == PacketStatus.Refunded) return GrabAnswer.Expired;
                    log.LogWarning("Packet {PacketId}: Redis gave share {Share} to {User}, but MySQL has it {Status}; trying again",
                        packetId, claim, userId, g.Share);
                    continue;
                case SettleOutcome.Failed f:
                    log.LogError(f.Error, "Share {Share} of packet {PacketId} could not be settled for {User}", claim, packetId, userId);
                    return GrabAnswer.Busy;
            }
        }
        return GrabAnswer.Busy;
    }

    private async Task<GrabAnswer> AnswerExpiredAsync(long packetId, string userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var mine = await db.Set<PacketShare>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.PacketId == packetId && s.ReceiverUserId == userId, ct);
        if (mine is null) return GrabAnswer.Expired;
        return GrabAnswer.Granted(GrabOutcome.AlreadyClaimed, mine.AmountCents, await RemainingCountAsync(packetId, ct));
    }

    private async Task<int> RemainingCountAsync(long packetId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<Packet>().Where(p => p.Id == packetId).Select(p => p.RemainingCount).SingleAsync(ct);
    }
}
