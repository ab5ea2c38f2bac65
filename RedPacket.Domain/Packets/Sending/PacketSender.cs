using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Accounts.Limits;
using RedPacket.Domain.Chat;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Events;
using RedPacket.Domain.Packets.Splitting;
using RedPacket.Domain.Persistence;

namespace RedPacket.Domain.Packets.Sending;

/// <summary>
/// Send: debit the sender into escrow, write the packet, its shares and the ledger in one
/// transaction; then load the shares into Redis. Redis failing after the commit loses nothing:
/// the first grab rebuilds Redis from MySQL.
/// </summary>
public sealed class PacketSender(
    TransactionRunner transactions,
    IDbContextFactory<RedPacketDb> contexts,
    GroupService groups,
    IEnumerable<IShareSplitter> splitters,
    RedisPacketLoader packetLoader,
    PacketDirectory directory,
    GroupEventPublisher events,
    DailyLimits limits,
    IOptions<PacketOptions> options,
    TimeProvider clock,
    ILogger<PacketSender> log)
{
    public async Task<SentPacket> SendAsync(SendPacketCommand command, CancellationToken ct = default)
    {
        var o = options.Value;
        var greeting = SendPacketRules.Validate(command, o);
        await groups.RequireMemberAsync(command.GroupId, command.SenderUserId, ct);
        var recipientName = command.RecipientUserId is { } recipient ? await RecipientNameAsync(command.GroupId, recipient, ct) : null;
        var hash = command.RequestHash(greeting);

        if (command.IdempotencyKey is not null && await FindReplayAsync(command, hash, ct) is { } earlier)
            return earlier;

        var amounts = SplitterFor(command.Kind).Split(command.TotalCents, command.Count);
        Packet packet;
        string senderName;
        try
        {
            (packet, senderName) = await transactions.RunAsync(async (db, c) =>
            {
                var account = await db.LockAsync(command.SenderUserId, c)
                    ?? throw new DomainException(ErrorCodes.NoAccount, "The sender has no account.");
                account.Debit(command.TotalCents);
                var now = clock.GetUtcNow();
                await limits.ChargeAsync(db, command.SenderUserId, command.TotalCents, now, c);
                var p = Packet.Create(command.GroupId, command.SenderUserId, command.Kind, amounts, greeting, now,
                    o.Lifetime, command.IdempotencyKey, hash, command.RecipientUserId, command.Cover ?? PacketCovers.Classic, command.Phrase?.Trim());
                db.Add(p);
                await db.SaveChangesAsync(c);
                LedgerWriter.Send(db, command.SenderUserId, p.Id, p.TotalCents, now);
                // The bubble is written with the packet, so a sent packet always shows in the chat.
                db.Add(ChatMessage.PacketBubble(command.GroupId, command.SenderUserId, p.Id, now));
                await db.SaveChangesAsync(c);
                return (p, account.UserName);
            }, ct);
        }
        catch (DbUpdateException e) when (command.IdempotencyKey is not null && TransactionRunner.IsDuplicateKey(e))
        {
            // A concurrent replay with the same key committed first: answer with its packet.
            return await FindReplayAsync(command, hash, ct)
                ?? throw new InvalidOperationException("Duplicate idempotency key, but no packet found.");
        }

        directory.Remember(new PacketFacts(packet.Id, packet.GroupId, packet.SenderUserId, packet.ExpiresAt,
            packet.RecipientUserId, recipientName, packet.Phrase));
        await packetLoader.LoadAsync(packet, ct);
        await events.PublishAsync(new PacketSent(packet.GroupId, packet.Id, packet.SenderUserId, senderName, packet.Kind,
            packet.TotalCents, packet.ShareCount, packet.Greeting, packet.CreatedAt, packet.ExpiresAt,
            packet.RecipientUserId, recipientName));
        log.LogInformation("Packet {PacketId} sent: {Total} cents in {Count} shares", packet.Id, packet.TotalCents, packet.ShareCount);
        return ToSent(packet, replayed: false);
    }

    /// <summary>An exclusive packet's recipient must be in the group (an outsider could never open it).</summary>
    private async Task<string> RecipientNameAsync(long groupId, string recipientUserId, CancellationToken ct)
    {
        string? name = null;
        if (await groups.IsMemberAsync(groupId, recipientUserId, ct))
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            name = await db.Set<Account>().AsNoTracking().Where(a => a.UserId == recipientUserId).Select(a => a.UserName)
                .SingleOrDefaultAsync(ct);
        }
        return name ?? throw new DomainException(ErrorCodes.InvalidRequest, "The recipient is not a member of this group.");
    }

    private async Task<SentPacket?> FindReplayAsync(SendPacketCommand command, string hash, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var earlier = await db.Set<Packet>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.SenderUserId == command.SenderUserId && p.IdempotencyKey == command.IdempotencyKey, ct);
        if (earlier is null) return null;
        if (earlier.RequestHash != hash)
            throw new DomainException(ErrorCodes.IdempotencyConflict,
                "This Idempotency-Key was used for a different packet.");
        return ToSent(earlier, replayed: true);
    }

    private IShareSplitter SplitterFor(PacketKind kind)
    {
        // An exclusive packet is one share: any splitter gives it the whole amount, the even one says so plainly.
        var name = kind is PacketKind.Fixed or PacketKind.Exclusive ? "fixed" : options.Value.LuckySplit;
        return splitters.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No share splitter named '{name}'.");
    }

    private static SentPacket ToSent(Packet p, bool replayed) =>
        new(p.Id, p.GroupId, p.Kind, p.TotalCents, p.ShareCount, p.Greeting, p.CreatedAt, p.ExpiresAt, replayed, p.RecipientUserId, p.Cover, p.Phrase);
}
