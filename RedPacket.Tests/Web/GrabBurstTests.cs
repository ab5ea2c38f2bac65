using System.Net;

namespace RedPacket.Tests.Web;

public sealed class GrabBurstTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Grab_60UsersOverHttpAtOnce_10ClaimsRestSoldOutAndTheMoneyAddsUp()
    {
        var alice = await UserAsync("alice", 2_000);
        var users = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => UserAsync($"u{i}", 0)));
        var group = await GroupAsync(alice, users);
        var packet = await SendAsync(alice, group, 2_000, 10);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var grabs = users.Select(async u => { await gate.Task; return await u.PostAsync($"/api/packets/{packet}/grab"); }).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(grabs);

        var claimed = answers.Where(a => a.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Equal(10, claimed.Count);
        Assert.Equal(50, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        long sum = 0;
        foreach (var a in claimed) sum += (await a.JsonAsync()).GetProperty("amountCents").GetInt64();
        Assert.Equal(2_000, sum);
        var detail = await alice.GetJsonAsync($"/api/packets/{packet}");
        Assert.Equal(10, detail.GetProperty("claims").GetArrayLength());
        Assert.Equal(0, detail.GetProperty("remainingCents").GetInt64());
    }
}
