using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Integration.Infrastructure;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Component;

/// <summary>The admin's refund history over real refunds in the real database.</summary>
public sealed class RefundHistoryViewTests(DomainFixture fixture) : ComponentTest, IClassFixture<DomainFixture>
{
    private static bool _seeded;
    private static readonly SemaphoreSlim Seeding = new(1, 1);

    public override async Task InitializeAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (!_seeded)
            {
                // Five refunds (5 × ¥1.00) on 2026-11-26, then one failed refund on 2026-11-28.
                var world = new World(fixture);
                var alice = await world.UserAsync("alice", 10_000);
                var group = await world.GroupAsync(alice);
                for (var i = 0; i < 5; i++) await world.SendAsync(alice, group, 100, 1);
                fixture.Clock.Advance(TimeSpan.FromHours(24));
                await fixture.Get<RefundRunner>().RunOnceAsync();
                await world.SendAsync(alice, group, 300, 1);
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
    }

    private IRenderedComponent<RefundHistoryView> RenderHistory(int pageSize = 20) =>
        Render<RefundHistoryView>(p => p.Add(v => v.PageSize, pageSize));

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

        cut.FindComponent<MudBlazor.MudSelect<string>>().InvokeAsync(() =>
            cut.FindComponent<MudBlazor.MudSelect<string>>().Instance.ValueChanged.InvokeAsync("Failed"));
        cut.Find("[data-testid=filter-apply]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, Rows(cut)));
        Assert.Contains("1 rows · refunded ¥0.00 · 0 succeeded · 1 failed", cut.Find("[data-testid=refund-totals]").TextContent);
    }

    [Fact]
    public void Filter_ByDate_OnlyThatDay()
    {
        var cut = RenderHistory();
        cut.WaitForAssertion(() => Assert.Equal(6, Rows(cut)));

        cut.Find("input[data-testid=filter-from]").Change("2026-11-26");
        cut.Find("input[data-testid=filter-to]").Change("2026-11-26");
        cut.Find("[data-testid=filter-apply]").Click();

        cut.WaitForAssertion(() => Assert.Equal(5, Rows(cut)));
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
