using Microsoft.EntityFrameworkCore;
using MySqlConnector;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Groups;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Sending;
using RedPacket.Domain.Persistence;

namespace RedPacket.Tests.Support;

/// <summary>Builds the people, groups and packets a test needs, through the real services.</summary>
public sealed class DomainDriver(ITestApp fixture)
{
    public async Task<string> UserAsync(string name, long topUpCents = 0)
    {
        var id = $"{name}-{Guid.NewGuid():N}"[..Math.Min(64, name.Length + 33)];
        var accounts = fixture.Get<AccountService>();
        await accounts.OpenAsync(id, name);
        if (topUpCents > 0) await accounts.TopUpAsync(id, topUpCents);
        return id;
    }

    public async Task<long> GroupAsync(string owner, params string[] members)
    {
        var groups = fixture.Get<GroupService>();
        var group = await groups.CreateAsync(owner, "g-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var m in members) await groups.JoinAsync(group.Id, m, group.InviteCode);
        return group.Id;
    }

    /// <summary>
    /// Many members at once, straight into the tables (accounts with no money, so the books stay balanced):
    /// opening 3,000 accounts one by one would measure the setup, not the grab.
    /// </summary>
    public async Task<IReadOnlyList<string>> BulkMembersAsync(long groupId, int count, string prefix)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}{i:D5}").ToList();
        await using var conn = new MySqlConnection(TestServers.MySqlDatabase(fixture.Database));
        await conn.OpenAsync();
        foreach (var chunk in ids.Chunk(500))
        {
            // Stamped on the app's clock, as the app would stamp them (MySQL's clock decides nothing).
            var accounts = string.Join(",", chunk.Select(id => $"('{id}','{id}',0,0,@at)"));
            var members = string.Join(",", chunk.Select(id => $"({groupId},'{id}',@at)"));
            await using var cmd = new MySqlCommand(
                $"INSERT INTO accounts (UserId, UserName, BalanceCents, Version, CreatedAt) VALUES {accounts};" +
                $"INSERT INTO group_members (GroupId, UserId, JoinedAt) VALUES {members};", conn);
            cmd.Parameters.AddWithValue("@at", fixture.Clock.GetUtcNow().UtcDateTime);
            await cmd.ExecuteNonQueryAsync();
        }
        return ids;
    }

    public Task<SentPacket> SendAsync(string sender, long groupId, long totalCents, int count,
        PacketKind kind = PacketKind.Lucky, string? idempotencyKey = null, string? greeting = null, string? recipient = null) =>
        fixture.Get<PacketSender>().SendAsync(new SendPacketCommand(sender, groupId, totalCents, count, kind, greeting, idempotencyKey,
            recipient));

    /// <summary>An exclusive packet (one share) for <paramref name="recipient"/>.</summary>
    public Task<SentPacket> SendExclusiveAsync(string sender, long groupId, long totalCents, string recipient,
        string? idempotencyKey = null) =>
        SendAsync(sender, groupId, totalCents, 1, PacketKind.Exclusive, idempotencyKey, recipient: recipient);

    /// <summary>Grabs, expecting a share: a refusal fails the test (as a <see cref="RedPacket.Domain.Common.DomainException"/>).</summary>
    public async Task<GrabResult> GrabAsync(long packetId, string user) =>
        (await fixture.Get<PacketGrabber>().GrabAsync(packetId, user)).OrThrow();

    /// <summary>Grabs, expecting a refusal: answers its <see cref="GrabRefusal.Code"/>, as the app answers it (a value, not an exception).</summary>
    public async Task<string> RefusedAsync(long packetId, string user)
    {
        var answer = await fixture.Get<PacketGrabber>().GrabAsync(packetId, user);
        Assert.True(answer.Refusal is not null, $"Expected a refusal, but {user} got {answer.Result}.");
        return answer.Refusal.Code;
    }

    public async Task<long> BalanceAsync(string user) => (await fixture.Get<AccountService>().FindAsync(user))!.BalanceCents;

    /// <summary>
    /// Holds the packet's row lock from outside the app until disposed, so the settles that queue behind it
    /// meanwhile go together in the next batch.
    /// </summary>
    public async Task<IAsyncDisposable> HoldPacketLockAsync(long packetId)
    {
        var conn = new MySqlConnection(TestServers.MySqlDatabase(fixture.Database));
        await conn.OpenAsync();
        var tx = await conn.BeginTransactionAsync();
        await using (var cmd = new MySqlCommand($"SELECT Id FROM red_packets WHERE Id = {packetId} FOR UPDATE", conn, tx))
            await cmd.ExecuteScalarAsync();
        return new Release(async () =>
        {
            await tx.RollbackAsync();
            await conn.DisposeAsync();
        });
    }

    private sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }

    public async Task<T> ReadAsync<T>(Func<RedPacketDb, Task<T>> read)
    {
        await using var db = await fixture.Get<IDbContextFactory<RedPacketDb>>().CreateDbContextAsync();
        return await read(db);
    }

    public Task<List<PacketShare>> SharesAsync(long packetId) =>
        ReadAsync(db => db.Set<PacketShare>().AsNoTracking().Where(s => s.PacketId == packetId).OrderBy(s => s.Seq).ToListAsync());

    public Task<Packet> PacketAsync(long packetId) =>
        ReadAsync(db => db.Set<Packet>().AsNoTracking().SingleAsync(p => p.Id == packetId));

    public Task<int> CountAsync<T>() where T : class => ReadAsync(db => db.Set<T>().CountAsync());
}
