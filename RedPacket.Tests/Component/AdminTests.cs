using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Domain.Audit;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;
using RedPacket.Web.Components.Pages;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Component;

/// <summary>The admin page in both languages, over the real audit and refund history.</summary>
public sealed class AdminTests(DomainFixture fixture) : ComponentTest, IClassFixture<DomainFixture>
{
    public override Task InitializeAsync()
    {
        Ctx.Services.AddSingleton(fixture.Get<BookAudit>());
        Ctx.Services.AddSingleton(fixture.Get<RefundRunner>());
        Ctx.Services.AddSingleton(fixture.Get<RefundQueries>());
        Ctx.Services.AddSingleton(fixture.Get<RedPacket.Domain.Dashboard.AdminDashboard>());
        Ctx.Services.AddSingleton(fixture.Get<RedPacket.Domain.Observability.RecentActivity>());
        Ctx.Services.AddSingleton(fixture.Get<RedPacket.Domain.Accounts.Adjustments.AccountAdjustments>());
        Ctx.Services.AddScoped<BrowserTimeZone>();
        Ctx.JSInterop.Setup<string>("redpacket.timeZone").SetResult("UTC");
        Ctx.AddAuthorization().SetAuthorized("root").SetPolicies("admin")
            .SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "root-id"));
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("en", "The books", "Refund history", "Run the refund job now", "yes")]
    [InlineData("zh-CN", "账目", "退款记录", "立即运行退款任务", "是")]
    public void Render_Culture_EveryHeadingInThatLanguage(string culture, string books, string history, string run, string consistent)
    {
        Culture = CultureInfo.GetCultureInfo(culture);

        var cut = Render<Admin>();

        cut.WaitForAssertion(() => Assert.Equal(consistent, cut.Find("[data-testid=audit-consistent]").TextContent.Trim()),
            TimeSpan.FromSeconds(15)); // the first audit of a fresh database is slow
        Assert.Contains(books, cut.Markup);
        Assert.Contains(history, cut.Markup);
        Assert.Equal(run, cut.Find("[data-testid=run-refunds]").TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "Dashboard", "Busiest groups today")]
    [InlineData("zh-CN", "数据看板", "今日最活跃的群")]
    public async Task Dashboard_TodayChartsAndBusiestGroups_InThatLanguage(string culture, string title, string busiest)
    {
        var driver = new DomainDriver(fixture);
        var alice = await driver.UserAsync("alice", 1_000);
        await driver.SendAsync(alice, await driver.GroupAsync(alice), 300, 3);
        Culture = CultureInfo.GetCultureInfo(culture);

        var cut = Render<Admin>();

        cut.WaitForAssertion(() =>
        {
            Assert.NotEqual("0", cut.Find("[data-testid=dash-packets]").TextContent.Trim());
            Assert.NotEmpty(cut.FindAll("[data-testid=dash-busiest] tbody tr"));
        }, TimeSpan.FromSeconds(15));
        Assert.Contains(title, cut.Markup);
        Assert.Contains(busiest, cut.Markup);
        foreach (var chart in new[] { "dash-grabs-chart", "dash-settle-chart", "dash-refunds-chart" })
            Assert.NotNull(cut.Find($"[data-testid={chart}] svg"));
    }

    [Fact]
    public async Task Adjust_ThroughTheForm_DoneAndListed()
    {
        var driver = new DomainDriver(fixture);
        var carol = await driver.UserAsync("carol", 500);
        var name = (await fixture.Get<RedPacket.Domain.Accounts.AccountService>().FindAsync(carol))!.UserName;
        var cut = Render<Admin>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=adjust-submit]"), TimeSpan.FromSeconds(15));

        cut.Find("input[data-testid=adjust-user]").Change(name);
        cut.Find("input[data-testid=adjust-amount]").Change("-1.50");
        cut.Find("input[data-testid=adjust-reason]").Change("refund of a double top-up");
        cut.Find("[data-testid=adjust-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("¥3.50", cut.Find("[data-testid=adjust-result]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(350, await driver.BalanceAsync(carol));
        cut.WaitForAssertion(() => Assert.Contains("-¥1.50", cut.FindAll("[data-testid=adjust-row-amount]").Select(c => c.TextContent.Trim())));
    }
}
