using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// Grab: the membership check, the atomic claim in Redis, then the settle in MySQL.
/// Late taps on a sold-out packet are answered by Redis alone.
/// </summary>
public sealed class PacketGrabber(
    PacketDirectory directory,
    GroupService groups,
    RedisPacketStore redis,
    PacketCache cache,
    ShareSettler settler,
    ClaimReleaser releaser,
    IDbContextFactory<RedPacketDb> contexts,
    GroupEventPublisher events,
    TimeProvider clock,
    ILogger<PacketGrabber> log)
{
    // A claim refused by MySQL (the share went elsewhere after a Redis rebuild) is retried with a new
    // share; a missing Redis state is rebuilt. Both are rare: a few rounds are plenty.
    private const int MaxRounds = 4;

    public async Task<GrabResult> GrabAsync(long packetId, string userId, CancellationToken ct = default)
    {
        var facts = await directory.FindAsync(packetId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "No such packet.");
        // Outsiders learn nothing, not even whether the packet is sold out.
        await groups.RequireMemberAsync(facts.GroupId, userId, ct);
        if (clock.GetUtcNow() >= facts.ExpiresAt) return await AnswerExpiredAsync(packetId, userId, ct);

        for (var round = 1; round <= MaxRounds; round++)
        {
            var reply = await redis.ClaimAsync(packetId, userId);
            switch (reply.Kind)
            {
                case ClaimReplyKind.Missing:
                    await cache.RebuildAsync(packetId, ct);
                    continue;
                case ClaimReplyKind.SoldOut:
                    throw new DomainException(ErrorCodes.SoldOut, "Too slow: all shares are gone.");
                case ClaimReplyKind.Closed:
                    throw new DomainException(ErrorCodes.Expired, "This packet has expired.");
            }

            var claim = reply.Share!.Value;
            var settled = await SettleOrReleaseAsync(packetId, claim, userId, ct);
            switch (settled)
            {
                case SettleOutcome.Settled s:
                    if (s.JustNow) await PublishClaimAsync(facts, userId, s);
                    // The pop in Redis is the one event that happens once per user; which request's settle
                    // commits first does not matter.
                    var outcome = reply.Kind == ClaimReplyKind.Claimed ? GrabOutcome.Claimed : GrabOutcome.AlreadyClaimed;
                    return new GrabResult(outcome, s.AmountCents, s.RemainingCount);
                case SettleOutcome.HoldsOther h:
                    await redis.RepairAsync(packetId, userId, h.Held, claim);
                    return new GrabResult(GrabOutcome.AlreadyClaimed, h.Held.AmountCents, await RemainingCountAsync(packetId, ct));
                case SettleOutcome.Gone g:
                    await redis.ForgetAsync(packetId, userId, claim);
                    if (g.Share == ShareStatus.Refunded || g.Packet == PacketStatus.Refunded)
                        throw new DomainException(ErrorCodes.Expired, "This packet has expired.");
                    log.LogWarning("Packet {PacketId}: Redis gave share {Share} to {User}, but MySQL has it {Status}; trying again",
                        packetId, claim, userId, g.Share);
                    continue;
            }
        }
        throw new DomainException(ErrorCodes.Busy, "The packet is busy; please try again.");
    }

    /// <summary>
    /// Settles the claim; if that fails, puts the share back in Redis, but only after making sure (under the
    /// packet lock) that MySQL does not hold it as claimed, so a commit whose reply was lost is never undone.
    /// </summary>
    private async Task<SettleOutcome> SettleOrReleaseAsync(long packetId, ShareToken claim, string userId, CancellationToken ct)
    {
        try
        {
            return await settler.SettleAsync(packetId, claim, userId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Settling share {Share} of packet {PacketId} for {User} failed", claim, packetId, userId);
            await releaser.ReleaseIfUnsettledAsync(packetId, claim, userId);
            if (e is DomainException) throw;
            throw new DomainException(ErrorCodes.Busy, "The grab could not be recorded and nothing was taken; please try again.");
        }
    }

    private async Task<GrabResult> AnswerExpiredAsync(long packetId, string userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var mine = await db.Set<PacketShare>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.PacketId == packetId && s.ReceiverUserId == userId, ct);
        if (mine is null) throw new DomainException(ErrorCodes.Expired, "This packet has expired.");
        return new GrabResult(GrabOutcome.AlreadyClaimed, mine.AmountCents, await RemainingCountAsync(packetId, ct));
    }

    private async Task<int> RemainingCountAsync(long packetId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<Packet>().Where(p => p.Id == packetId).Select(p => p.RemainingCount).SingleAsync(ct);
    }

    private async Task PublishClaimAsync(PacketFacts facts, string userId, SettleOutcome.Settled s)
    {
        await events.PublishAsync(new PacketClaimed(facts.GroupId, facts.PacketId, userId, s.AmountCents, s.RemainingCount));
        if (s.RemainingCount == 0) await events.PublishAsync(new PacketSoldOut(facts.GroupId, facts.PacketId));
    }
}
