using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Domain.Audit;
using RedPacket.Domain.Refunds;
using RedPacket.Tests.Integration.Infrastructure;
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
        Ctx.Services.AddScoped<BrowserTimeZone>();
        Ctx.JSInterop.Setup<string>("redpacket.timeZone").SetResult("UTC");
        Ctx.AddAuthorization().SetAuthorized("root").SetPolicies("admin");
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
}
