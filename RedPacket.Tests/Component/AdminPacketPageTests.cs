using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Domain.Packets.Queries;
using RedPacket.Tests.Support;
using RedPacket.Web.Components.Pages;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Component;

/// <summary>The admin's read-only packet view over a real packet in the real database.</summary>
public sealed class AdminPacketPageTests(DomainFixture fixture) : ComponentTest, IClassFixture<DomainFixture>
{
    private long _packet;

    public override async Task InitializeAsync()
    {
        // bob takes one share of alice's fixed ¥3.00 in 2; the admin is in no group at all.
        var driver = new DomainDriver(fixture);
        var alice = await driver.UserAsync("alice", 1_000);
        var bob = await driver.UserAsync("bob");
        var sent = await driver.SendAsync(alice, await driver.GroupAsync(alice, bob), 300, 2, Domain.Packets.PacketKind.Fixed, greeting: "新年好");
        await driver.GrabAsync(sent.PacketId, bob);
        _packet = sent.PacketId;
        Ctx.Services.AddSingleton(fixture.Get<PacketQueries>());
        Ctx.Services.AddScoped<BrowserTimeZone>();
        Ctx.JSInterop.Setup<string>("redpacket.timeZone").SetResult("Asia/Shanghai");
    }

    private IRenderedComponent<AdminPacketPage> RenderPage(long? packet = null) =>
        Render<AdminPacketPage>(p => p.Add(x => x.PacketId, packet ?? _packet));

    [Fact]
    public void Render_Admin_DetailWhoGotWhatAndNoWayToGrab()
    {
        Ctx.AddAuthorization().SetAuthorized("root").SetPolicies("admin");

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Contains("新年好", cut.Find("[data-testid=admin-packet-greeting]").TextContent));
        Assert.Equal("alice", cut.Find("[data-testid=admin-packet-sender]").TextContent.Trim());
        Assert.Equal("fixed", cut.Find("[data-testid=admin-packet-kind]").TextContent.Trim());
        Assert.Equal("1 of 2 taken", cut.Find("[data-testid=admin-packet-shares]").TextContent.Trim());
        Assert.Equal("bob", cut.Find("[data-testid=admin-claim-who]").TextContent.Trim());
        Assert.Equal("/admin", cut.Find("[data-testid=back-to-admin]").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid=read-only]"));
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void Render_AdminInChinese_Localized()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");
        Ctx.AddAuthorization().SetAuthorized("root").SetPolicies("admin");

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("已领1/2份", cut.Find("[data-testid=admin-packet-shares]").TextContent.Trim()));
        Assert.Equal("普通", cut.Find("[data-testid=admin-packet-kind]").TextContent.Trim());
        Assert.Contains("只读", cut.Find("[data-testid=read-only]").TextContent);
    }

    [Fact]
    public void Render_PlainUser_AdminsOnlyAndNoDetail()
    {
        Ctx.AddAuthorization().SetAuthorized("bob");

        var cut = RenderPage();

        Assert.NotNull(cut.Find("[data-testid=admins-only]"));
        Assert.Empty(cut.FindAll("[data-testid=admin-packet]"));
        Assert.DoesNotContain("新年好", cut.Markup);
    }

    [Fact]
    public void Render_UnknownPacket_SaysSo()
    {
        Ctx.AddAuthorization().SetAuthorized("root").SetPolicies("admin");

        var cut = RenderPage(long.MaxValue);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=no-packet]")));
    }
}
