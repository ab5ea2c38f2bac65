using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// The rules a tap meets before any share moves: the packet exists and the user is in its group (outsiders learn
/// nothing, not even that it exists), an exclusive packet is for its recipient only, a password packet opens only with
/// its phrase, and a packet past its expiry
/// hands out nothing, though whoever holds a share still hears what they got.
/// </summary>
public sealed class GrabRules(PacketDirectory directory, GroupService groups, RedisPacketStore redis,
    IDbContextFactory<RedPacketDb> contexts, TimeProvider clock)
{
    /// <summary>The packet's facts, or the refusal the rules answer before anything is spent on the tap.</summary>
    public async Task<(PacketFacts? Facts, GrabAnswer? Refusal)> CheckAsync(long packetId, string userId, string? phrase, CancellationToken ct)
    {
        var facts = await directory.FindAsync(packetId, ct);
        if (facts is null || !await groups.IsMemberAsync(facts.GroupId, userId, ct)) return (null, GrabAnswer.NotFound);
        // Before the expiry, the memo, the budget and the pop: a non-recipient never takes the one share, and hears
        // "not for you" rather than "sold out" or "expired"; a wrong phrase pops nothing either.
        if (GrabAnswer.ForSomeoneElse(facts, userId) is { } notYours) return (null, notYours);
        return facts.Phrase is { } expected && !PhraseMatches(expected, phrase) ? (null, GrabAnswer.WrongPhrase) : (facts, null);
    }

    /// <summary>The phrase as the sender wrote it, spaces around it aside (a chat line is trimmed too).</summary>
    public static bool PhraseMatches(string expected, string? sent) => string.Equals(expected, sent?.Trim(), StringComparison.Ordinal);

    /// <summary>Expiry is the app clock's to judge: it wrote <see cref="PacketFacts.ExpiresAt"/> (docs/ARCHITECTURE.md §7.1).</summary>
    public bool HasExpired(PacketFacts facts) => clock.GetUtcNow() >= facts.ExpiresAt;

    /// <summary>
    /// A tap after expiry: the user's own share if they hold one, else "expired". Redis answers a settled claim; MySQL,
    /// in one query, anything else (an unsettled claim the refund job will settle, or a packet Redis no longer holds).
    /// </summary>
    public async Task<GrabAnswer> AnswerExpiredAsync(long packetId, string userId, CancellationToken ct)
    {
        var peek = await redis.PeekAsync(packetId, userId);
        switch (peek.Kind)
        {
            case ClaimReplyKind.Settled:
                return GrabAnswer.Granted(GrabOutcome.AlreadyClaimed, peek.Share!.Value.AmountCents, peek.SharesLeft);
            case ClaimReplyKind.SoldOut:
                return GrabAnswer.Expired;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var mine = await (from s in db.Set<PacketShare>().AsNoTracking()
                          join p in db.Set<Packet>() on s.PacketId equals p.Id
                          where s.PacketId == packetId && s.ReceiverUserId == userId
                          select new { s.AmountCents, p.RemainingCount }).SingleOrDefaultAsync(ct);
        return mine is null ? GrabAnswer.Expired : GrabAnswer.Granted(GrabOutcome.AlreadyClaimed, mine.AmountCents, mine.RemainingCount);
    }
}
