using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Tests.Support;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Component;

/// <summary>The wallet's red-packet records over a real database: this year's figures, and another year picked.</summary>
public sealed class YearSummaryCardTests(DomainFixture fixture) : ComponentTest, IClassFixture<DomainFixture>
{
    private string _bob = "";

    public override async Task InitializeAsync()
    {
        // bob takes the only share of alice's ¥1.23: one packet, the luckiest of it.
        var driver = new DomainDriver(fixture);
        var alice = await driver.UserAsync("alice", 1_000);
        _bob = await driver.UserAsync("bob");
        var sent = await driver.SendAsync(alice, await driver.GroupAsync(alice, _bob), 123, 1);
        await driver.GrabAsync(sent.PacketId, _bob);
        Ctx.Services.AddSingleton(fixture.Get<PacketSummaries>());
    }

    private static string Text(IRenderedComponent<YearSummaryCard> cut, string id) => cut.Find($"[data-testid={id}]").TextContent.Trim();

    [Fact]
    public void Render_InChinese_ThisYearsReceivedAndSent()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");

        var cut = Render<YearSummaryCard>(p => p.Add(c => c.UserId, _bob));

        cut.WaitForAssertion(() => Assert.Equal("¥1.23", Text(cut, "summary-received-total")), TimeSpan.FromSeconds(10));
        Assert.Equal(("收到红包1个", "手气最佳1次"), (Text(cut, "summary-received-count"), Text(cut, "summary-luckiest")));
        Assert.Equal(("¥0.00", "发出红包0个"), (Text(cut, "summary-sent-total"), Text(cut, "summary-sent-count")));
    }

    [Fact]
    public async Task PickYear_LastYear_ItsFiguresInstead()
    {
        var cut = Render<YearSummaryCard>(p => p.Add(c => c.UserId, _bob));
        cut.WaitForAssertion(() => Assert.Equal("1 received", Text(cut, "summary-received-count")), TimeSpan.FromSeconds(10));
        var picker = cut.FindComponent<MudSelect<int>>();

        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(fixture.Get<PacketSummaries>().CurrentYear() - 1));

        cut.WaitForAssertion(() => Assert.Equal("0 received", Text(cut, "summary-received-count")), TimeSpan.FromSeconds(10));
        Assert.Equal("¥0.00", Text(cut, "summary-received-total"));
    }
}
