using Microsoft.AspNetCore.SignalR.Client;
using RedPacket.Domain.Packets.Claiming;
using RedPacket.Domain.Packets.Reconciling;
using RedPacket.Tests.Support;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Web;

/// <summary>The app with a reconciler minimum age a test can wait out.</summary>
public sealed class ShortReconcileAgeFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RedPacket:Reconciler:MinAge", ReconcileRounds.ShortMinAge)];
}

public sealed class ReconcilerLiveTests(ShortReconcileAgeFixture app) : WebTest<ShortReconcileAgeFixture>(app), IClassFixture<ShortReconcileAgeFixture>
{
    [Fact]
    public async Task Reconcile_ClaimAbandonedAfterThePop_TheUserSeesTheMoneyArriveLive()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob", 0);
        var group = await GroupAsync(alice, bob);
        var packet = await SendAsync(alice, group, 600, 3);
        await using var bobLive = await HubClients.ConnectAsync(App, bob);
        var moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bobLive.On(HubEventNames.BalanceChanged, () => moved.TrySetResult());
        // The node that popped bob's share died before the commit.
        var popped = (await App.Get<RedisPacketStore>().ClaimAsync(packet, bob.Id)).Share!.Value;

        await App.Get<ClaimReconciler>().UntilAbandonedAsync();

        await moved.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(popped.AmountCents, (await bob.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
    }
}
