using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using RedPacket.Domain.Common;
using RedPacket.Web.Components.Shared;

namespace RedPacket.Tests.Component;

public sealed class PagedTableTests : ComponentTest
{
    private string EmptyText()
    {
        var cut = Render<PagedTable<string>>(p => p
            .Add(t => t.Load, _ => Task.FromResult(new Page<string>([], 1, 10, 0)))
            .Add(t => t.Row, (RenderFragment<string>)(s => b => b.AddContent(0, s))));
        return cut.Find("[data-testid=table]").TextContent.Trim();
    }

    [Fact]
    public void Render_NoRows_SaysSoInEnglish() => Assert.Equal("Nothing yet.", EmptyText());

    [Fact]
    public void Render_NoRowsInChinese_SaysSoInChinese()
    {
        Culture = CultureInfo.GetCultureInfo("zh-CN");
        Assert.Equal("暂无记录。", EmptyText());
    }
}
