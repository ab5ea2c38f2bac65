using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Web.Identity;

namespace RedPacket.Tests.Web;

/// <summary>A per-user budget high enough to reach Identity's lockout (these tests are about what lies behind the throttle).</summary>
public sealed class UnthrottledSignInFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RedPacket:RateLimits:SignInsPerUserPerWindow", "1000")];
}

public sealed class LockoutTests(UnthrottledSignInFixture app) : WebTest<UnthrottledSignInFixture>(app), IClassFixture<UnthrottledSignInFixture>
{
    private Task<HttpResponseMessage> TokenAsync(string userName, string password) =>
        App.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password });

    [Fact]
    public async Task Token_TenWrongPasswords_LockedForAMinuteOfAppTimeThenSignsIn()
    {
        var victim = await UserAsync("victim");
        for (var i = 0; i < 9; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(victim.Name, $"guess-{i}-1")).StatusCode);

        var tenth = await TokenAsync(victim.Name, "guess-9-1");
        var rightButLocked = await TokenAsync(victim.Name, victim.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, tenth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButLocked.StatusCode);
        Assert.Equal("rate_limited", await rightButLocked.ProblemCodeAsync());
        Assert.Equal(TimeSpan.FromMinutes(1), rightButLocked.Headers.RetryAfter!.Delta);
        using (var scope = App.Services.CreateScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(victim.Id))!;
            Assert.Equal(App.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), user.LockoutEnd); // the app's clock, not the machine's
        }

        App.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(victim.Name, victim.Password)).StatusCode);
    }

    [Fact]
    public async Task Token_UnknownUserOrWrongPassword_TheSameProblem()
    {
        var bob = await UserAsync("bob");

        var unknown = await TokenAsync("nobody" + Guid.NewGuid().ToString("N")[..8], "password1");
        var wrong = await TokenAsync(bob.Name, "wrong-one1");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (unknown.StatusCode, wrong.StatusCode));
        Assert.Equal(unknown.Content.Headers.ContentType?.ToString(), wrong.Content.Headers.ContentType?.ToString());
        Assert.Equal(Shape(await unknown.JsonAsync()), Shape(await wrong.JsonAsync()));
    }

    /// <summary>
    /// A user name that does not exist costs a password check as well (against a dummy hash): without it the answer
    /// came in about 1 ms instead of tens, telling which names exist. Medians, and a generous factor: the machine is shared.
    /// </summary>
    [Fact]
    public async Task Token_UnknownUserOrWrongPassword_SimilarTime()
    {
        var bob = await UserAsync("bob");
        await TokenAsync("nobodyatall", "password1"); // the first unknown name makes the dummy hash
        var unknown = new List<double>();
        var wrong = new List<double>();

        for (var i = 0; i < 8; i++) // 8 failures: below bob's lockout
        {
            unknown.Add(await TimedAsync(() => TokenAsync($"nobody{i}x", "password1")));
            wrong.Add(await TimedAsync(() => TokenAsync(bob.Name, $"wrong-{i}-1")));
        }

        var ratio = Median(unknown) / Median(wrong);
        Assert.True(ratio is > 1 / 3.0 and < 3.0, $"unknown user {Median(unknown):F1} ms, wrong password {Median(wrong):F1} ms");
    }

    private static async Task<double> TimedAsync(Func<Task<HttpResponseMessage>> call)
    {
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Unauthorized, (await call()).StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The problem without its per-request trace id.</summary>
    private static string Shape(JsonElement problem) =>
        string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
}
