using RedPacket.Domain.Packets.Claiming;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Integration.Packets;

/// <summary>A batch locks its receivers' accounts in one fixed order (ascending id), so two batches never deadlock.</summary>
public sealed class AccountOrderTests(DomainFixture fixture) : IntegrationTest<DomainFixture>(fixture), IClassFixture<DomainFixture>
{
    private ClaimSettler Batcher => Fixture.Get<ClaimSettler>();

    [Fact]
    public async Task Batch_ManyReceivers_AccountsLockedAndCreditedByAscendingId()
    {
        var sender = await Driver.UserAsync("sender", 10_000);
        var group = await Driver.GroupAsync(sender);
        var users = await Driver.BulkMembersAsync(group, 25, "o");
        var packet = await Driver.SendAsync(sender, group, 10_000, 25);
        Fixture.Faults.Record();

        Task<IReadOnlyList<Outcome<GrabResult>>> grabs;
        await using (await Driver.HoldPacketLockAsync(packet.PacketId))
        {
            // Reversed, so the order of arrival is not the order of the ids.
            var reversed = users.Reverse().ToList();
            grabs = Concurrency.RunConcurrent(reversed.Count, i => Driver.GrabAsync(packet.PacketId, reversed[i]));
            await Eventually.TrueAsync(() => Batcher.InFlightCount(packet.PacketId) == users.Count, "every claim handed to the writer");
        }
        Assert.All(await grabs, a => Assert.True(a.Succeeded));

        // The batch locks and credits its receivers in the one UPDATE of the accounts, listed by ascending id.
        var writes = Fixture.Faults.Recorded.Where(c => c.Sql.Contains("UPDATE `accounts`")).ToList();
        Assert.NotEmpty(writes);
        var lists = writes.Select(w => AccountIdsOf(w.Sql, w.Parameters)).ToList();
        Assert.Contains(lists, ids => ids.Count > 10);
        Assert.All(lists, ids => Assert.Equal(ids.Order(), ids));
    }

    private static List<long> AccountIdsOf(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var update = sql[sql.IndexOf("UPDATE `accounts`", StringComparison.Ordinal)..];
        var list = System.Text.RegularExpressions.Regex.Match(update, @"WHERE `Id` IN \(([^)]*)\)").Groups[1].Value;
        return list.Split(',').Select(name => Convert.ToInt64(parameters[name.Trim()])).ToList();
    }

    [Fact]
    public async Task Batches_TwoPacketsPayingTheSamePeopleInOppositeOrder_NeverDeadlock()
    {
        var sender = await Driver.UserAsync("sender", 100_000);
        var group = await Driver.GroupAsync(sender);
        var users = await Driver.BulkMembersAsync(group, 40, "x");
        using var metrics = new MetricsRecorder(Fixture);

        for (var round = 0; round < 5; round++)
        {
            var p = await Driver.SendAsync(sender, group, 10_000, 40);
            var q = await Driver.SendAsync(sender, group, 10_000, 40);
            Task<IReadOnlyList<Outcome<GrabResult>>> grabs;
            await using (await Driver.HoldPacketLockAsync(p.PacketId))
            await using (await Driver.HoldPacketLockAsync(q.PacketId))
            {
                grabs = Concurrency.RunConcurrent(users.Count * 2, i => i % 2 == 0
                    ? Driver.GrabAsync(p.PacketId, users[i / 2])
                    : Driver.GrabAsync(q.PacketId, users[users.Count - 1 - i / 2]));
                await Eventually.TrueAsync(() => Batcher.InFlightCount(p.PacketId) == users.Count
                    && Batcher.InFlightCount(q.PacketId) == users.Count, "both packets' claims handed to their writers");
            }
            Assert.All(await grabs, a => Assert.True(a.Succeeded, a.Error?.ToString()));
        }

        Assert.True(metrics.Sum("redpacket.transaction.retries") == 0, "retries by error: " + string.Join(", ",
            new[] { 0, 1020, 1205, 1213 }.Select(e => $"{e}: {metrics.Sum("redpacket.transaction.retries", "error", e)}")));
    }
}
