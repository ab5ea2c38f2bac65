using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Domain.Groups;
using RedPacket.Tests.Support;
using RedPacket.Web.Components.Pages;

namespace RedPacket.Tests.Component;

/// <summary>The groups page over real groups: localized, and its join form takes a pasted invitation link.</summary>
public sealed class HomeTests(DomainFixture fixture) : ComponentTest, IClassFixture<DomainFixture>
{
    private GroupSummary _group = default!;
    private string _guest = "";

    private GroupService Groups => fixture.Get<GroupService>();

    public override async Task InitializeAsync()
    {
        var driver = new DomainDriver(fixture);
        var owner = await driver.UserAsync("olga");
        _guest = await driver.UserAsync("gus");
        var id = await driver.GroupAsync(owner);
        _group = (await Groups.MineAsync(owner)).Single(g => g.Id == id);
        Ctx.Services.AddSingleton(Groups);
        Ctx.AddAuthorization().SetAuthorized(_guest).SetClaims(new Claim(ClaimTypes.NameIdentifier, _guest));
    }

    private string Uri => Ctx.Services.GetRequiredService<NavigationManager>().Uri;

    [Fact]
    public async Task Join_PastedInviteLink_JoinsWithoutTheIdField()
    {
        var cut = Render<Home>();

        cut.Find("input[data-testid=join-code]").Change($"https://rp.example/join/{_group.Id}/{_group.InviteCode}");
        cut.Find("button[data-testid=join-submit]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith($"/groups/{_group.Id}", Uri, StringComparison.Ordinal));
        Assert.True(await Groups.IsMemberAsync(_group.Id, _guest));
    }

    [Fact]
    public void Join_WrongCodeInChinese_ErrorInChinese()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");
        var cut = Render<Home>();
        cut.WaitForAssertion(() => Assert.Contains("你还没有加入任何群组", cut.Markup));

        cut.Find("input[data-testid=join-code]").Change($"/join/{_group.Id}/WRONGCODE1");
        cut.Find("button[data-testid=join-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("该邀请无法加入此群组。", cut.Find("[data-testid=home-error]").TextContent.Trim()));
    }
}
