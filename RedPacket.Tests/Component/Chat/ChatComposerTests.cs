using System.Globalization;
using Bunit;
using RedPacket.Web.Components.Chat;

namespace RedPacket.Tests.Component.Chat;

public sealed class ChatComposerTests : ComponentTest
{
    private IRenderedComponent<ChatComposer> RenderComposer(Func<string, Task<bool>> post, Action? sendPacket = null) =>
        Render<ChatComposer>(p => p.Add(c => c.OnPost, post).Add(c => c.OnSendPacket, () => sendPacket?.Invoke()));

    [Fact]
    public void Enter_WithText_PostsItAndClears()
    {
        var posted = new List<string>();
        var cut = RenderComposer(t => { posted.Add(t); return Task.FromResult(true); });

        cut.Find("input").Input("新年快乐 🧧");
        cut.Find("input").KeyUp("Enter");

        Assert.Equal(["新年快乐 🧧"], posted);
        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("input").GetAttribute("value") ?? ""));
    }

    [Fact]
    public void Post_Refused_TextKeptForAnotherTry()
    {
        var cut = RenderComposer(_ => Task.FromResult(false));

        cut.Find("input").Input("hello");
        cut.Find("[data-testid=post-message]").Click();

        cut.WaitForAssertion(() => Assert.Equal("hello", cut.Find("input").GetAttribute("value")));
    }

    [Fact]
    public void Send_Empty_DisabledAndNothingPosted()
    {
        var posted = 0;
        var cut = RenderComposer(_ => { posted++; return Task.FromResult(true); });

        cut.Find("input").KeyUp("Enter");

        Assert.True(cut.Find("[data-testid=post-message]").HasAttribute("disabled"));
        Assert.Equal(0, posted);
    }

    [Fact]
    public void RedPacketButton_Click_OpensTheSendDialog()
    {
        var asked = 0;
        var cut = RenderComposer(_ => Task.FromResult(true), () => asked++);

        cut.Find("[data-testid=send-packet]").Click();

        Assert.Equal(1, asked);
    }

    [Fact]
    public void Render_Chinese_PlaceholderAndButtons()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");

        var cut = RenderComposer(_ => Task.FromResult(true));

        Assert.Equal("说点什么", cut.Find("input").GetAttribute("placeholder"));
        Assert.Equal("发送", cut.Find("[data-testid=post-message]").TextContent.Trim());
        Assert.Equal("发红包", cut.Find("[data-testid=send-packet]").GetAttribute("aria-label"));
    }
}
