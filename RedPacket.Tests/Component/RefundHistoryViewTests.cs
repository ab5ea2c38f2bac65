using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Support;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Component;

/// <summary>The admin's refund history over real refunds in the real database.</summary>
public sealed class RefundHistoryViewTests(DomainFixture fixture) : ComponentTest, IClassFixture<DomainFixture>
{
    private static bool _seeded;
    private static readonly SemaphoreSlim Seeding = new(1, 1);

    /// <summary>The day (UTC) of the five refunds, at 08:00: two days after the fixture clock's start, whatever today is.</summary>
    private static DateTime _refundDay;

    private static string Day(int offset) => _refundDay.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override async Task InitializeAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (!_seeded)
            {
                // Five refunds (5 × ¥1.00) at 08:00 UTC on the refund day, then one failed refund two days later.
                _refundDay = fixture.Clock.GetUtcNow().UtcDateTime.Date.AddDays(2);
                fixture.Clock.SetUtcNow(new DateTimeOffset(_refundDay.AddHours(8 - 24), TimeSpan.Zero));
                var driver = new DomainDriver(fixture);
                var alice = await driver.UserAsync("alice", 10_000);
                var group = await driver.GroupAsync(alice);
                for (var i = 0; i < 5; i++) await driver.SendAsync(alice, group, 100, 1);
                fixture.Clock.Advance(TimeSpan.FromHours(24));
                await fixture.Get<RefundRunner>().RunOnceAsync();
                await driver.SendAsync(alice, group, 300, 1);
                fixture.Clock.Advance(TimeSpan.FromHours(48));
                fixture.Faults.FailWhen(c => c.CommandText.Contains("UPDATE `accounts`"), times: 1);
                await fixture.Get<RefundRunner>().RunOnceAsync();
                fixture.Faults.Disarm();
                _seeded = true;
            }
        }
        finally
        {
            Seeding.Release();
        }
        Ctx.Services.AddSingleton(fixture.Get<RefundQueries>());
        Ctx.Services.AddScoped<BrowserTimeZone>();
    }

    /// <summary>The viewer's browser says it is in <paramref name="zone"/> (an IANA id).</summary>
    private IRenderedComponent<RefundHistoryView> RenderHistory(int pageSize = 20, string zone = "UTC")
    {
        Ctx.JSInterop.Setup<string>("redpacket.timeZone").SetResult(zone);
        return Render<RefundHistoryView>(p => p.Add(v => v.PageSize, pageSize));
    }

    private static void FilterDays(IRenderedComponent<RefundHistoryView> cut, string from, string to)
    {
        cut.Find("input[data-testid=filter-from]").Change(from);
        cut.Find("input[data-testid=filter-to]").Change(to);
        cut.Find("[data-testid=filter-apply]").Click();
    }

    private static void OnlyFailures(IRenderedComponent<RefundHistoryView> cut)
    {
        var select = cut.FindComponent<MudBlazor.MudSelect<string>>();
        select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("Failed"));
        cut.Find("[data-testid=filter-apply]").Click();
    }

    private static int Rows(IRenderedComponent<RefundHistoryView> cut) => cut.FindAll("[data-testid=refund-packet]").Count;

    [Fact]
    public void Render_NoFilter_AllRowsAndTotals()
    {
        var cut = RenderHistory();
        cut.WaitForAssertion(() => Assert.Equal(6, Rows(cut)));
        Assert.Contains("6 rows · refunded ¥5.00 · 5 succeeded · 1 failed", cut.Find("[data-testid=refund-totals]").TextContent);
    }

    [Fact]
    public void Filter_ByOutcome_OnlyFailures()
    {
        var cut = RenderHistory();
        cut.WaitForAssertion(() => Assert.Equal(6, Rows(cut)));

        OnlyFailures(cut);

        cut.WaitForAssertion(() => Assert.Equal(1, Rows(cut)));
        Assert.Contains("1 row · refunded ¥0.00 · 0 succeeded · 1 failed", cut.Find("[data-testid=refund-totals]").TextContent);
    }

    [Fact]
    public void Filter_ByDate_OnlyThatDay()
    {
        var cut = RenderHistory();
        cut.WaitForAssertion(() => Assert.Equal(6, Rows(cut)));

        FilterDays(cut, Day(0), Day(0));

        cut.WaitForAssertion(() => Assert.Equal(5, Rows(cut)));
        Assert.Equal(Day(0), cut.Find("input[data-testid=filter-from]").GetAttribute("value"));
    }

    [Fact]
    public void Filter_ByDate_ReadInTheViewersZone()
    {
        // The five refunds ran at 08:00 UTC on the refund day: still the day before in Honolulu (UTC-10).
        var cut = RenderHistory(zone: "Pacific/Honolulu");
        cut.WaitForAssertion(() => Assert.Equal(6, Rows(cut)));

        FilterDays(cut, Day(-1), Day(-1));

        cut.WaitForAssertion(() => Assert.Equal(5, Rows(cut)));
        Assert.Contains("Pacific/Honolulu", cut.Find("[data-testid=filter-zone]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Filter_ByDateInChinese_StillIso()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");
        var cut = RenderHistory(zone: "Asia/Shanghai");
        cut.WaitForAssertion(() => Assert.Equal(6, Rows(cut)));

        FilterDays(cut, Day(2), Day(2));

        cut.WaitForAssertion(() => Assert.Equal(1, Rows(cut)));
        Assert.Equal(Day(2), cut.Find("input[data-testid=filter-to]").GetAttribute("value"));
    }

    [Fact]
    public void Render_Rows_SenderNameLinkToAdminViewAndLocalTime()
    {
        var cut = RenderHistory(zone: "Asia/Shanghai");
        cut.WaitForAssertion(() => Assert.Equal(6, Rows(cut)));

        Assert.All(cut.FindAll("[data-testid=refund-sender]"), s => Assert.Equal("alice", s.TextContent.Trim()));
        Assert.All(cut.FindAll("a[data-testid=refund-packet]"),
            a => Assert.Equal($"/admin/packets/{a.TextContent.Trim()}", a.GetAttribute("href")));
        // The newest row (the failure at 08:00 UTC two days after the refund day) in Shanghai time, once the browser has told its zone.
        // The exact form, with seconds, in the culture's own pattern (en: "12/2/2026 4:00:00 PM").
        var shanghai = _refundDay.AddDays(2).ToString("M/d/yyyy", CultureInfo.InvariantCulture) + " 4:00:00 PM";
        cut.WaitForAssertion(() => Assert.Equal(shanghai, cut.FindAll("[data-testid=refund-rows] time")[0].TextContent.Replace('\u202F', ' ')));
    }

    [Fact]
    public void Render_Chinese_CountWithoutPlural()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");
        var cut = RenderHistory();
        cut.WaitForAssertion(() => Assert.Equal(6, Rows(cut)));
        Assert.Contains("6条 · 已退款¥5.00 · 成功5 · 失败1", cut.Find("[data-testid=refund-totals]").TextContent);

        OnlyFailures(cut);

        cut.WaitForAssertion(() => Assert.Contains("1条 · 已退款¥0.00 · 成功0 · 失败1", cut.Find("[data-testid=refund-totals]").TextContent));
    }

    [Fact]
    public void Paging_TwoPerPage_ThreePagesLastHasTwo()
    {
        var cut = RenderHistory(pageSize: 2);
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut)));
        var firstPage = cut.FindAll("[data-testid=refund-packet]").Select(e => e.TextContent).ToList();

        cut.InvokeAsync(() => cut.Instance.LoadAsync(3));

        cut.WaitForAssertion(() => Assert.Empty(firstPage.Intersect(cut.FindAll("[data-testid=refund-packet]").Select(e => e.TextContent))));
        Assert.Equal(2, Rows(cut));
        Assert.Single(cut.FindComponents<MudBlazor.MudPagination>());
    }
}
