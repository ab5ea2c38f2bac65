using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Domain.Groups;
using RedPacket.Tests.Support;
using RedPacket.Web.Components.Pages;

namespace RedPacket.Tests.Component;

/// <summary>The page an invitation link opens, over real groups in the real database.</summary>
public sealed class JoinPageTests(DomainFixture fixture) : ComponentTest, IClassFixture<DomainFixture>
{
    private GroupSummary _group = default!;
    private string _owner = "", _guest = "";

    private GroupService Groups => fixture.Get<GroupService>();

    public override async Task InitializeAsync()
    {
        var driver = new DomainDriver(fixture);
        _owner = await driver.UserAsync("olga");
        _guest = await driver.UserAsync("gus");
        var id = await driver.GroupAsync(_owner);
        _group = (await Groups.MineAsync(_owner)).Single(g => g.Id == id);
        Ctx.Services.AddSingleton(Groups);
    }

    private IRenderedComponent<JoinPage> RenderAs(string userId, string? code = null)
    {
        Ctx.AddAuthorization().SetAuthorized(userId).SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        return Render<JoinPage>(p => p.Add(x => x.GroupId, _group.Id).Add(x => x.Code, code ?? _group.InviteCode));
    }

    private string Uri => Ctx.Services.GetRequiredService<NavigationManager>().Uri;

    [Fact]
    public async Task Join_RightCode_JoinsAndOpensTheChat()
    {
        var cut = RenderAs(_guest);
        cut.WaitForAssertion(() => Assert.Equal(_group.Name, cut.Find("[data-testid=join-group-name]").TextContent));
        // Who asks, how many are in it, and their faces (WeChat's group invitation).
        Assert.EndsWith(" invites you to join", cut.Find("[data-testid=join-inviter]").TextContent.Trim());
        Assert.Equal("1 member", cut.Find("[data-testid=join-member-count]").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=join-faces] [data-testid=avatar]"));

        cut.Find("button[data-testid=join-button]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith($"/groups/{_group.Id}", Uri, StringComparison.Ordinal));
        Assert.True(await Groups.IsMemberAsync(_group.Id, _guest));
    }

    [Fact]
    public async Task Render_WrongCode_BadInviteAndNoButton()
    {
        var cut = RenderAs(_guest, "WRONGCODE1");

        cut.WaitForAssertion(() => Assert.Contains("does not open any group", cut.Find("[data-testid=bad-invite]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=join-button]"));
        Assert.DoesNotContain(_group.Name, cut.Markup);
        Assert.False(await Groups.IsMemberAsync(_group.Id, _guest));
    }

    [Fact]
    public void Render_WrongCodeInChinese_BadInviteInChinese()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");

        var cut = RenderAs(_guest, "WRONGCODE1");

        cut.WaitForAssertion(() => Assert.Contains("邀请链接无效", cut.Find("[data-testid=bad-invite]").TextContent));
    }

    [Fact]
    public void Render_AlreadyAMember_StraightToTheChat()
    {
        var cut = RenderAs(_owner);

        cut.WaitForAssertion(() => Assert.EndsWith($"/groups/{_group.Id}", Uri, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=join-button]"));
    }
}
