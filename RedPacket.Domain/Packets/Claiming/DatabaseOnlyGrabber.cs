using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Observability;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Claiming;

/// <summary>
/// The baseline without a Redis gate (<see cref="GrabMode.Database"/>): every tap, late or repeated, takes the
/// packet's row lock in MySQL and is answered in that transaction. It is correct, and it is what the Redis gate
/// and the batches are measured against; the product runs <see cref="GrabMode.Redis"/>.
/// </summary>
public sealed class DatabaseOnlyGrabber(TransactionRunner transactions, GroupEventPublisher events, RedPacketMetrics metrics,
    Microsoft.Extensions.Options.IOptions<GrabOptions> options, TimeProvider clock)
{
    /// <summary>Whether grabs run this way (<see cref="GrabOptions.Mode"/> is <see cref="GrabMode.Database"/>).</summary>
    public bool IsOn => options.Value.Mode == GrabMode.Database;

    public async Task<GrabAnswer> GrabAsync(PacketFacts facts, string userId, CancellationToken ct)
    {
        // PacketGrabber asks first; asked again so this path can never hand the one share to anybody else.
        if (GrabAnswer.ForSomeoneElse(facts, userId) is { } notYours) return notYours;
        var (answer, opened) = await transactions.RunAsync(async (db, c) =>
        {
            var packet = await db.LockPacketAsync(facts.PacketId, c)
                ?? throw new InvalidOperationException($"No packet {facts.PacketId}.");
            if (await db.LockShareOfAsync(facts.PacketId, userId, c) is { } mine)
                return (GrabAnswer.Granted(GrabOutcome.AlreadyClaimed, mine.AmountCents, packet.RemainingCount), (Opened?)null);
            if (packet.Status == PacketStatus.Refunded) return (GrabAnswer.Expired, null);
            if (packet.Status != PacketStatus.Open) return (GrabAnswer.SoldOut, null);
            var share = await db.Set<PacketShare>()
                .FromSqlInterpolated($"SELECT * FROM red_packet_shares WHERE PacketId = {facts.PacketId} AND Status = {(int)ShareStatus.Unclaimed} ORDER BY Seq LIMIT 1 FOR UPDATE")
                .SingleAsync(c);
            var account = await db.LockAsync(userId, c)
                ?? throw new InvalidOperationException($"Member {userId} has no account.");
            var now = clock.GetUtcNow();
            packet.Claim(share, userId, now);
            account.Credit(share.AmountCents);
            LedgerWriter.Claim(db, userId, facts.PacketId, share.AmountCents, now);
            await db.SaveChangesAsync(c);
            // The name comes with the locked account: the sender's notice costs no query of its own.
            return (GrabAnswer.Granted(GrabOutcome.Claimed, share.AmountCents, packet.RemainingCount), new Opened(account.UserName, now));
        }, ct);
        metrics.BatchSettled(1, opened is not null ? 1 : 0);
        if (opened is { } o)
        {
            var r = answer.Result!;
            await events.PublishAsync(new PacketClaimed(facts.GroupId, facts.PacketId, userId, r.AmountCents, r.RemainingCount));
            await events.PublishAsync(new PacketOpened(facts.GroupId, facts.PacketId, facts.SenderUserId, userId, o.ClaimerName,
                r.AmountCents, o.At));
            if (r.RemainingCount == 0) await events.PublishAsync(new PacketSoldOut(facts.GroupId, facts.PacketId));
        }
        return answer;
    }

    /// <summary>A share paid by this grab: who (by name) and when, for the sender's notice.</summary>
    private readonly record struct Opened(string ClaimerName, DateTimeOffset At);
}
