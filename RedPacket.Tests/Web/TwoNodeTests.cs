using Microsoft.AspNetCore.SignalR.Client;
using RedPacket.Domain.Packets.Events;
using RedPacket.Tests.Support;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Web;

/// <summary>Node A of two web nodes sharing one database and one Redis, with the SignalR Redis backplane on.</summary>
public class NodeAFixture : WebAppFixture, IAsyncLifetime
{
    public static readonly string Channel = TestServers.UniqueName("signalr");

    /// <summary>The key-encryption key both nodes share (a test host is not Development, so it is required).</summary>
    public static readonly string KeyEncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("RedPacket:SignalR:RedisBackplane", "true"), new("RedPacket:SignalR:ChannelPrefix", Channel),
            new("RedPacket:DataProtection:PersistToRedis", "true"),
            new("RedPacket:DataProtection:KeyEncryptionKey", KeyEncryptionKey),
        ];

    /// <summary>Node B: the same storage, another process-like host.</summary>
    public WebAppFixture NodeB { get; private set; } = default!;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        NodeB = new NodeBFixture(this);
        await NodeB.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await NodeB.DisposeAsync();
        await base.DisposeAsync();
    }

    private sealed class NodeBFixture(NodeAFixture a) : WebAppFixture
    {
        public override string Database => a.Database;
        public override string KeyPrefix => a.KeyPrefix;
        protected override bool OwnsStorage => false;
        protected override IEnumerable<KeyValuePair<string, string>> Settings => a.Settings;
    }
}

public sealed class TwoNodeTests(NodeAFixture nodeA) : TwoNodeContract<NodeAFixture>(nodeA), IClassFixture<NodeAFixture>;

/// <summary>Node A and B as in <see cref="NodeAFixture"/>, with <c>ConnectionStrings:Redis</c> the 3-master Redis Cluster.</summary>
public sealed class RedisClusterNodeAFixture : NodeAFixture
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [.. base.Settings, new("ConnectionStrings:Redis", TestServers.RedisCluster)];
}

/// <summary>The backplane, the shared keys and the app's Redis work on a Redis Cluster as on one Redis.</summary>
public sealed class RedisClusterTwoNodeTests(RedisClusterNodeAFixture nodeA)
    : TwoNodeContract<RedisClusterNodeAFixture>(nodeA), IClassFixture<RedisClusterNodeAFixture>
{
    [Fact]
    public void Redis_BothNodes_OnTheCluster()
    {
        foreach (var node in new WebAppFixture[] { App, App.NodeB })
            Assert.NotNull(node.Get<StackExchange.Redis.IConnectionMultiplexer>().GetServers()[0].ClusterConfiguration);
    }
}

/// <summary>What two web nodes sharing one database and one Redis must do together.</summary>
public abstract class TwoNodeContract<TFixture>(TFixture nodeA) : WebTest<TFixture>(nodeA) where TFixture : NodeAFixture
{
    [Fact]
    public async Task GrabOnNodeB_ClientOfNodeA_ReceivesPacketClaimedThroughTheBackplane()
    {
        var alice = await UserAsync("alice");
        var bob = await ApiUser.CreateAsync(App.NodeB, "bob");
        var group = await GroupAsync(alice, bob);
        var connection = HubClients.Build(App, alice.Token);
        await using var _ = connection;
        var claimed = new TaskCompletionSource<PacketClaimed>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<PacketClaimed>(HubEventNames.PacketClaimed, e => claimed.TrySetResult(e));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(PacketHub.JoinGroup), group);
        var packet = await SendAsync(alice, group, 500, 2);

        (await bob.PostAsync($"/api/packets/{packet}/grab")).EnsureSuccessStatusCode(); // bob's client talks to node B

        var e = await claimed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal((packet, bob.Id, 1), (e.PacketId, e.UserId, e.RemainingCount));
    }

    [Fact]
    public async Task TokenFromNodeA_AcceptedByNodeB_KeysLiveInRedisEncrypted()
    {
        var alice = await UserAsync("alice", 777); // her token was issued by node A
        var onB = App.NodeB.CreateClient();
        onB.DefaultRequestHeaders.Authorization = new("Bearer", alice.Token);

        var me = await (await onB.GetAsync("/api/me")).EnsureSuccessStatusCode().JsonAsync();

        Assert.Equal(777, me.GetProperty("balanceCents").GetInt64());
        var keys = (await App.Get<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase()
            .ListRangeAsync(App.KeyPrefix + "dataprotection-keys")).Select(k => (string)k!).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.DoesNotContain("<masterKey", key);
            Assert.Contains("<aesGcmEncrypted", key);
        });
    }
}
