using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Packets.Events;
using RedPacket.Tests.Support;
using RedPacket.Web.Api.RateLimiting;
using RedPacket.Web.Identity;
using RedPacket.Web.Live;

namespace RedPacket.Tests.Web.Time;

/// <summary>The whole web app with its clock 400 days away from MariaDB's and Redis's, and a sign-in window a test can wait out.</summary>
public abstract class SkewedWebAppFixture(TimeSpan skew) : WebAppFixture
{
    public static readonly TimeSpan SignInWindow = TimeSpan.FromSeconds(6); // six attempts fit in it even on a loaded box

    protected override TimeSpan ClockSkew => skew;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("RedPacket:RateLimits:SignInWindow", SignInWindow.ToString())];
}

public sealed class AppClock400DaysAheadFixture() : SkewedWebAppFixture(TimeSpan.FromDays(400));

public sealed class AppClock400DaysBehindFixture() : SkewedWebAppFixture(TimeSpan.FromDays(-400));

public sealed class AppClock400DaysAheadTests(AppClock400DaysAheadFixture app)
    : ClockSkewWebContract<AppClock400DaysAheadFixture>(app), IClassFixture<AppClock400DaysAheadFixture>;

public sealed class AppClock400DaysBehindTests(AppClock400DaysBehindFixture app)
    : ClockSkewWebContract<AppClock400DaysBehindFixture>(app), IClassFixture<AppClock400DaysBehindFixture>;

/// <summary>Over HTTP and the hub, with the app's clock 400 days off: everything answers as with agreeing clocks, and nothing 5xx.</summary>
public abstract class ClockSkewWebContract<TFixture>(TFixture app) : WebTest<TFixture>(app) where TFixture : SkewedWebAppFixture
{
    private readonly List<HttpResponseMessage> _answers = [];

    private async Task<HttpResponseMessage> Seen(Task<HttpResponseMessage> call)
    {
        var answer = await call;
        _answers.Add(answer);
        return answer;
    }

    private async Task<HttpResponseMessage> GrabAsync(ApiUser user, long packet) => await Seen(user.PostAsync($"/api/packets/{packet}/grab"));

    private static async Task<(string Outcome, long Amount)> ClaimOf(HttpResponseMessage answer)
    {
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.JsonAsync();
        return (body.GetProperty("outcome").GetString()!, body.GetProperty("amountCents").GetInt64());
    }

    /// <summary>What the hub tells <paramref name="hub"/>: claims with the shares left (coalesced: the latest count), sell-outs, refunds.</summary>
    private static ConcurrentQueue<string> Record(HubConnection hub)
    {
        var seen = new ConcurrentQueue<string>();
        hub.On<PacketClaimed>(HubEventNames.PacketClaimed, e => seen.Enqueue($"claimed:{e.PacketId}:{e.RemainingCount}"));
        hub.On<PacketSoldOut>(HubEventNames.PacketSoldOut, e => seen.Enqueue($"soldout:{e.PacketId}"));
        hub.On<PacketRefunded>(HubEventNames.PacketRefunded, e => seen.Enqueue($"refunded:{e.PacketId}"));
        return seen;
    }


    [Fact]
    public async Task Packet_WholeLifeOverHttpAndTheHub_AsWithAgreeingClocks()
    {
        var alice = await UserAsync("alice", 1_000);
        var (bob, carol, dave, erin) = (await UserAsync("bob", 0), await UserAsync("carol", 0), await UserAsync("dave", 0), await UserAsync("erin", 0));
        var group = await GroupAsync(alice, bob, carol, dave, erin);
        await using var watcher = await HubClients.ConnectAsync(App, erin);
        var told = Record(watcher);
        await watcher.InvokeAsync("JoinGroup", group);

        var packet = await SendAsync(alice, group, 300, 3);
        var first = await ClaimOf(await GrabAsync(bob, packet));
        var again = await ClaimOf(await GrabAsync(bob, packet));
        await GrabAsync(carol, packet);
        await GrabAsync(dave, packet);
        var late = await GrabAsync(erin, packet);

        Assert.Equal(("claimed", "alreadyClaimed", first.Amount), (first.Outcome, again.Outcome, again.Amount));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("sold_out", await late.ProblemCodeAsync());
        await Eventually.TrueAsync(() => told.Contains($"claimed:{packet}:0") && told.Contains($"soldout:{packet}"),
            "the hub told of the last claim and the sell-out");

        // A second packet runs out its day: refunded once, not a second early.
        var second = await SendAsync(alice, group, 400, 2);
        var bobs = await ClaimOf(await GrabAsync(bob, second));
        App.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var admin = await AdminAsync();
        (alice, erin) = (await alice.SignInAgainAsync(App), await erin.SignInAgainAsync(App));
        var early = await (await Seen(admin.PostAsync("/api/admin/refunds/run"))).JsonAsync();
        Assert.Equal(0, early.GetProperty("found").GetInt32());
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await using var later = await HubClients.ConnectAsync(App, erin);
        var toldLater = Record(later);
        await later.InvokeAsync("JoinGroup", group);
        var expired = await GrabAsync(erin, second);
        var run = await (await Seen(admin.PostAsync("/api/admin/refunds/run"))).JsonAsync();
        var rerun = await (await Seen(admin.PostAsync("/api/admin/refunds/run"))).JsonAsync();

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("expired", await expired.ProblemCodeAsync());
        Assert.True(run.GetProperty("refunded").GetInt32() >= 1);
        Assert.Equal(0, rerun.GetProperty("found").GetInt32());
        Assert.Equal(1_000 - 300 - bobs.Amount, (await alice.GetJsonAsync("/api/me")).GetProperty("balanceCents").GetInt64());
        await Eventually.TrueAsync(() => toldLater.Contains($"refunded:{second}"), "the hub told of the refund");
        Assert.DoesNotContain(_answers, a => (int)a.StatusCode >= 500);
    }

    [Fact]
    public async Task SignInThrottle_WindowOfSeconds_EndsAfterSecondsWhateverTheAppsClock()
    {
        var victim = await UserAsync("victim");
        var from = App.CreateClientFrom("10.9.0.1");
        async Task<HttpResponseMessage> TokenAsync(string password) =>
            await Seen(from.PostAsJsonAsync("/api/auth/token", new { userName = victim.Name, password }));

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync($"wrong-{i}-x")).StatusCode);
        var throttled = await TokenAsync(victim.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), SkewedWebAppFixture.SignInWindow);
        // Redis counts the window from its own clock: seconds later the right password is let in.
        await Eventually.TrueAsync(async () => (await TokenAsync(victim.Password)).StatusCode == HttpStatusCode.OK,
            "the sign-in window ended", TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(_answers, a => (int)a.StatusCode >= 500);
    }

    [Fact]
    public async Task RateLimiter_WindowIsADuration_NotAMomentOfTheAppsClock()
    {
        var limiter = App.Get<RedisRateLimiter>();
        var key = Guid.NewGuid().ToString("N");

        var first = await limiter.TryAcquireAsync("skew", key, 1, TimeSpan.FromSeconds(1));
        var second = await limiter.TryAcquireAsync("skew", key, 1, TimeSpan.FromSeconds(1));

        Assert.Equal((RateVerdict.Allowed, RateVerdict.Refused), (first.Verdict, second.Verdict));
        Assert.InRange(second.RetryAfter, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => (await limiter.TryAcquireAsync("skew", key, 1, TimeSpan.FromSeconds(1))).Verdict == RateVerdict.Allowed,
            "a new window opened");
    }

    [Fact]
    public async Task Cookie_SignedInThroughTheForm_LifetimeSentAsMaxAgeSoTheBrowserKeepsIt()
    {
        var bob = await UserAsync("bob");
        var browser = App.CreateClient(SignInForms.Browser);

        var login = await SignInForms.LoginAsync(browser, bob.Name, bob.Password);
        var me = await Seen(browser.GetAsync("/api/me"));

        var auth = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("redpacket.auth=", StringComparison.Ordinal));
        Assert.Contains("max-age=", auth, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", auth, StringComparison.OrdinalIgnoreCase);
        // The test client's cookie jar judges cookies on the real clock, as a browser would.
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
