using Bunit;
using Microsoft.AspNetCore.Components;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Component;

public sealed class AdminGuardTests : ComponentTest
{
    private IRenderedComponent<AdminGuard> RenderGuard() =>
        Render<AdminGuard>(p => p.Add(g => g.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"secret\">refunds</p>"))));

    [Fact]
    public void Guard_PlainUser_SeesAdminsOnlyNotTheContent()
    {
        Ctx.AddAuthorization().SetAuthorized("bob");
        var cut = RenderGuard();
        Assert.Empty(cut.FindAll("#secret"));
        Assert.Contains("Admins only", cut.Find("[data-testid=admins-only]").TextContent);
    }

    [Fact]
    public void Guard_Anonymous_SeesAdminsOnly()
    {
        Ctx.AddAuthorization();
        Assert.Empty(RenderGuard().FindAll("#secret"));
    }

    [Fact]
    public void Guard_Admin_SeesTheContent()
    {
        Ctx.AddAuthorization().SetAuthorized("root").SetPolicies("admin");
        var cut = RenderGuard();
        Assert.Equal("refunds", cut.Find("#secret").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=admins-only]"));
    }
}
