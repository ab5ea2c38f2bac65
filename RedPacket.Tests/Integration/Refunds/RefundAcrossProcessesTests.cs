using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Ledger;
using RedPacket.Domain.Packets;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;
using RedPacket.Web.Refunds;

namespace RedPacket.Tests.Integration.Refunds;

/// <summary>
/// Three RedPacket.Web processes on one database and one Redis key prefix, Quartz clustered in MySQL, the refund
/// job every second and packets that expire after a few seconds of real time. The in-process base fixture
/// creates and drops the database and gives the tests the book audit; the nodes are the processes.
/// </summary>
public sealed class ThreeWebNodesFixture : DomainFixture, IAsyncLifetime
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(3);
    public const long StartingBalanceCents = 100_000;

    /// <summary>Where each node's console output goes (kept after the run, for diagnosis).</summary>
    public string LogFolder { get; } = Directory.CreateTempSubdirectory("redpacket-nodes-").FullName;

    public IReadOnlyList<WebProcess> Nodes { get; private set; } = [];
    public IReadOnlyList<WebProcess> Live => [.. Nodes.Where(n => !n.HasExited)];

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Node 1 first: it applies the migrations (a no-op here, the base fixture ran them) and Quartz's first
        // scheduler creates the QRTZ_ tables, which the other two then find.
        var first = await WebProcess.StartAsync("node1", Environment(1), LogFolder, TimeSpan.FromSeconds(60));
        try
        {
            var rest = await Task.WhenAll(
                WebProcess.StartAsync("node2", Environment(2), LogFolder, TimeSpan.FromSeconds(60)),
                WebProcess.StartAsync("node3", Environment(3), LogFolder, TimeSpan.FromSeconds(60)));
            Nodes = [first, .. rest];
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }
    }

    public new async Task DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Which node is Quartz instance <paramref name="instanceId"/> (the ids are set per node below).</summary>
    public WebProcess? NodeOf(string instanceId) => Nodes.FirstOrDefault(n => n.Name == instanceId);

    private Dictionary<string, string> Environment(int n) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["ConnectionStrings__MySql"] = TestServers.MySqlDatabase(Database),
        ["ConnectionStrings__Redis"] = TestServers.Redis,
        ["RedPacket__Redis__KeyPrefix"] = KeyPrefix,
        ["RedPacket__Database__MigrateOnStart"] = (n == 1).ToString(),
        ["RedPacket__Demo__Enabled"] = "false",
        ["RedPacket__Registration__Enabled"] = "true",
        ["RedPacket__Registration__StartingBalanceCents"] = StartingBalanceCents.ToString(),
        ["RedPacket__RateLimits__SendsPerWindow"] = "1000",
        ["RedPacket__RateLimits__GrabsPerWindow"] = "1000",
        ["RedPacket__RateLimits__RegistrationsPerAddressPerWindow"] = "1000",
        ["RedPacket__Packets__Lifetime"] = Lifetime.ToString(),
        ["RedPacket__Refunds__ClusteredStore"] = "true",
        ["RedPacket__Refunds__Interval"] = Interval.ToString(),
        ["RedPacket__Refunds__CheckinInterval"] = CheckinInterval.ToString(),
        ["RedPacket__Refunds__CheckinMisfireThreshold"] = CheckinMisfireThreshold.ToString(),
        ["RedPacket__Refunds__InstanceId"] = $"node{n}",
        ["Logging__LogLevel__Default"] = "Warning",
        // Start-up, check-ins and cluster recovery; and each refund run and refunded packet, by node.
        ["Logging__LogLevel__Quartz"] = "Information",
        ["Logging__LogLevel__RedPacket.Domain.Refunds"] = "Information",
    };
}

public sealed class RefundAcrossProcessesTests(ThreeWebNodesFixture fixture)
    : IntegrationTest<ThreeWebNodesFixture>(fixture), IClassFixture<ThreeWebNodesFixture>
{
    private const long PacketCents = 300;
    private const int PacketShares = 3;

    /// <summary>Runs whether or not the kill test ran first: then the packets go through the two nodes left.</summary>
    [Fact]
    public async Task ClusteredRefundJob_PacketsSentThroughEveryNode_EachRefundedExactlyOnce()
    {
        var nodes = Fixture.Live;
        Assert.True(nodes.Count >= 2, "at least two live nodes");
        var (alice, bob) = await PairAsync(nodes);

        var (packets, grabbed) = await SendAndGrabAsync(alice, bob, 30);

        await Eventually.TrueAsync(() => AllRefundedAsync(packets), $"30 packets refunded (node logs in {Fixture.LogFolder})",
            TimeSpan.FromSeconds(40));
        Assert.True(grabbed > 0, "some shares were grabbed before expiry");
        await AssertRefundedExactlyOnceAsync(alice, packets);
    }

    [Fact]
    public async Task ClusteredRefundJob_NodeHoldingTheTriggerKilled_SurvivorsRefundLaterPacketsOnce()
    {
        // Quartz acquires the next firing ahead of its time and records it in QRTZ_FIRED_TRIGGERS under the
        // instance id until it has run; that node is the one running the job now.
        WebProcess? holder = null;
        await Eventually.TrueAsync(async () => (holder = await TriggerHolderAsync()) is { HasExited: false },
            "a live node holds the refund trigger", TimeSpan.FromSeconds(30));
        // Each node checks in at the configured interval (Quartz stores milliseconds): what bounds the failover.
        var checkins = await Driver.ReadAsync(db => db.Database.SqlQuery<long>(
            $"SELECT CHECKIN_INTERVAL AS Value FROM QRTZ_SCHEDULER_STATE").ToListAsync());
        Assert.Equal(Fixture.Live.Count, checkins.Count);
        Assert.All(checkins, ms => Assert.Equal((long)ThreeWebNodesFixture.CheckinInterval.TotalMilliseconds, ms));
        holder!.Kill();
        var survivors = Fixture.Live;
        Assert.DoesNotContain(holder, survivors);
        var killedAt = Stopwatch.StartNew();

        var (alice, bob) = await PairAsync(survivors);
        var (packets, _) = await SendAndGrabAsync(alice, bob, 10);

        // Recovery waits for the dead node's missed check-in plus the threshold; then the next firing, then the
        // last packet's expiry. Generous on top, for a loaded two-core machine.
        var bound = ThreeWebNodesFixture.CheckinInterval + ThreeWebNodesFixture.CheckinMisfireThreshold
            + ThreeWebNodesFixture.Interval + ThreeWebNodesFixture.Lifetime + TimeSpan.FromSeconds(20);
        await Eventually.TrueAsync(() => AllRefundedAsync(packets),
            $"10 packets refunded by the survivors within {bound.TotalSeconds} s of killing {holder.Name} (logs in {Fixture.LogFolder})",
            bound - killedAt.Elapsed);
        await AssertRefundedExactlyOnceAsync(alice, packets);
        // A survivor wrote the dead node off: its check-in row and its fired triggers are gone.
        await Eventually.TrueAsync(async () =>
            {
                var (checkedIn, firing) = await QuartzInstancesAsync();
                return !checkedIn.Contains(holder.Name) && !firing.Contains(holder.Name);
            },
            $"{holder.Name} recovered by the cluster", TimeSpan.FromSeconds(20));
    }

    private async Task<WebProcess?> TriggerHolderAsync()
    {
        var name = RefundScheduling.ScheduledTriggerKey.Name;
        var holders = await Driver.ReadAsync(db => db.Database.SqlQuery<string>(
            $"SELECT INSTANCE_NAME AS Value FROM QRTZ_FIRED_TRIGGERS WHERE TRIGGER_NAME = {name}").ToListAsync());
        return holders.Select(Fixture.NodeOf).FirstOrDefault(n => n is not null);
    }

    /// <summary>The instances Quartz still counts: those that checked in, and those holding a firing.</summary>
    private Task<(List<string> CheckedIn, List<string> Firing)> QuartzInstancesAsync() => Driver.ReadAsync(async db => (
        await db.Database.SqlQuery<string>($"SELECT INSTANCE_NAME AS Value FROM QRTZ_SCHEDULER_STATE").ToListAsync(),
        await db.Database.SqlQuery<string>($"SELECT INSTANCE_NAME AS Value FROM QRTZ_FIRED_TRIGGERS").ToListAsync()));

    /// <summary>Alice, with the money, and bob, in one group, both signed in on every given node.</summary>
    private static async Task<(NodeUser Alice, NodeUser Bob)> PairAsync(IReadOnlyList<WebProcess> nodes)
    {
        var alice = await NodeUser.RegisterAsync(nodes, "alice");
        var bob = await NodeUser.RegisterAsync(nodes, "bob");
        var group = await (await alice.PostAsync(0, "/api/groups", new { name = "family" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var groupId = group.GetProperty("id").GetInt64();
        (await bob.PostAsync(1, $"/api/groups/{groupId}/join", new { inviteCode = group.GetProperty("inviteCode").GetString() }))
            .EnsureSuccessStatusCode();
        return (alice with { GroupId = groupId }, bob with { GroupId = groupId });
    }

    /// <summary>
    /// Alice sends round the nodes, bob grabs each one at once through the next node. A grab a slow machine
    /// makes too late is refused as expired; the refund then returns that share too, which the checks allow for.
    /// </summary>
    private static async Task<(List<long> Packets, int Grabbed)> SendAndGrabAsync(NodeUser alice, NodeUser bob, int count)
    {
        var (packets, grabbed) = (new List<long>(), 0);
        for (var i = 0; i < count; i++)
        {
            var sent = await (await alice.PostAsync(i, $"/api/groups/{alice.GroupId}/packets",
                    new { totalCents = PacketCents, count = PacketShares, kind = "lucky", greeting = "hi", pin = RedPacket.Tests.Web.ApiUser.Pin }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var packet = sent.GetProperty("packetId").GetInt64();
            packets.Add(packet);
            using var grab = await bob.PostAsync(i + 1, $"/api/packets/{packet}/grab", new { });
            if (grab.StatusCode == HttpStatusCode.OK) grabbed++;
            else Assert.Equal(HttpStatusCode.Gone, grab.StatusCode);
        }
        return (packets, grabbed);
    }

    private Task<bool> AllRefundedAsync(List<long> packets) => Driver.ReadAsync(async db =>
        await db.Set<Packet>().CountAsync(p => packets.Contains(p.Id) && p.Status == PacketStatus.Refunded) == packets.Count);

    /// <summary>
    /// One refund row per packet, and it succeeded; it returned exactly the unclaimed cents, in one ledger
    /// transfer; the sender's balance shows each refund once.
    /// </summary>
    private async Task AssertRefundedExactlyOnceAsync(NodeUser sender, List<long> packets)
    {
        var refunds = await Driver.ReadAsync(db => db.Set<Refund>().AsNoTracking().Where(r => packets.Contains(r.PacketId)).ToListAsync());
        var claimed = await Driver.ReadAsync(db => db.Set<PacketShare>().AsNoTracking()
            .Where(s => packets.Contains(s.PacketId) && s.Status == ShareStatus.Claimed)
            .GroupBy(s => s.PacketId).Select(g => new { PacketId = g.Key, Cents = g.Sum(s => s.AmountCents) })
            .ToDictionaryAsync(x => x.PacketId, x => x.Cents));
        var legs = await Driver.ReadAsync(db => db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Kind == TransferKind.Refund && e.PacketId != null && packets.Contains(e.PacketId.Value)).ToListAsync());

        foreach (var packet in packets)
        {
            var refund = Assert.Single(refunds, r => r.PacketId == packet);
            Assert.Equal(RefundOutcome.Succeeded, refund.Outcome);
            Assert.Equal(PacketCents - claimed.GetValueOrDefault(packet), refund.AmountCents);
            var transfer = Assert.Single(legs.Where(e => e.PacketId == packet).GroupBy(e => e.TransferId));
            Assert.Equal(refund.AmountCents, Assert.Single(transfer, e => e.Book == LedgerBook.User).AmountCents);
        }
        var me = await (await sender.GetAsync(0, "/api/me")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ThreeWebNodesFixture.StartingBalanceCents - packets.Count * PacketCents + refunds.Sum(r => r.AmountCents),
            me.GetProperty("balanceCents").GetInt64());
    }

    /// <summary>
    /// A user signed in on each node separately: a node seals its own bearer tokens (the key ring is not shared
    /// here), so <c>i</c> picks node <c>i mod n</c> and its token.
    /// </summary>
    private sealed record NodeUser(IReadOnlyList<WebProcess> Nodes, IReadOnlyList<string> Tokens, long GroupId = 0)
    {
        public static async Task<NodeUser> RegisterAsync(IReadOnlyList<WebProcess> nodes, string name)
        {
            var (userName, password) = ($"{name}{Guid.NewGuid():N}"[..20], "password1");
            (await nodes[0].Http.PostAsJsonAsync("/api/auth/register", new { userName, password })).EnsureSuccessStatusCode();
            var tokens = new List<string>();
            foreach (var node in nodes)
            {
                var token = await (await node.Http.PostAsJsonAsync("/api/auth/token", new { userName, password }))
                    .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
                tokens.Add(token.GetProperty("accessToken").GetString()!);
            }
            var user = new NodeUser(nodes, tokens);
            (await user.SendAsync(0, new HttpRequestMessage(HttpMethod.Put, "/api/me/pin") { Content = JsonContent.Create(new { pin = RedPacket.Tests.Web.ApiUser.Pin }) }))
                .EnsureSuccessStatusCode();
            return user;
        }

        public Task<HttpResponseMessage> PostAsync(int i, string url, object body) =>
            SendAsync(i, new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) });

        public Task<HttpResponseMessage> GetAsync(int i, string url) => SendAsync(i, new HttpRequestMessage(HttpMethod.Get, url));

        private Task<HttpResponseMessage> SendAsync(int i, HttpRequestMessage request)
        {
            request.Headers.Authorization = new("Bearer", Tokens[i % Nodes.Count]);
            return Nodes[i % Nodes.Count].Http.SendAsync(request);
        }
    }
}
