using RedPacket.Domain.Packets;
using RedPacket.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace RedPacket.Tests.E2E;

[Collection(nameof(BrowserCollection))]
public sealed class SendDialogTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => Assert.True((await app.AuditAsync()).Consistent);

    [Theory]
    [InlineData("0.02", 3, "Too little for 3 shares")]
    [InlineData("200.01", 1, "Between ¥0.01 and ¥200.00")]
    [InlineData("60.00", 2, "More than your balance (¥50.00)")]
    public async Task Send_RefusedAmount_ErrorShownAndNoPacketCreated(string yuan, int count, string error)
    {
        var dave = new ChatPage(await app.SignInAsync("dave"));
        await dave.OpenGroupAsync("Family");
        var bubbles = await dave.Bubbles.CountAsync();

        await dave.OpenSendDialogAsync();
        await dave.FillSendAsync(yuan, count);
        await dave.SubmitSendAsync();

        await Expect(dave.Page.Locator(".mud-dialog")).ToContainTextAsync(error);
        await Expect(dave.Bubbles).ToHaveCountAsync(bubbles);
        await Expect(AppPage.Balance(dave.Page)).ToContainTextAsync("¥50.00");
        var sent = await app.Get<RedPacket.Domain.Packets.Queries.PacketQueries>().SentByAsync(await DaveIdAsync(), new(1, 10));
        Assert.Equal(0, sent.TotalCount);
        await dave.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Send_Normal_PreviewThenConfirmDebitsEachTimesCount()
    {
        var erin = new ChatPage(await app.SignInAsync("erin"));
        await erin.OpenGroupAsync("Family");
        var bubbles = await erin.Bubbles.CountAsync();
        await erin.OpenSendDialogAsync();

        await erin.Page.Locator("[data-testid=kind-fixed]").ClickAsync();
        await erin.Page.FillAsync("input[data-testid=amount]", "2.50");
        await erin.Page.FillAsync("input[data-testid=count]", "4");
        await Expect(erin.Page.Locator("[data-testid=send-preview]")).ToHaveTextAsync("Total ¥10.00 · 4 × ¥2.50");
        await erin.Page.ClickAsync("[data-testid=send-submit]");
        await Expect(erin.Page.Locator("[data-testid=send-confirm]")).ToContainTextAsync("¥10.00");
        await Expect(erin.Bubbles).ToHaveCountAsync(bubbles);
        await erin.Page.Locator("input[data-testid=pin-input]").PressSequentiallyAsync(ChatPage.DemoPin);
        await erin.Page.ClickAsync("[data-testid=send-confirm-submit]");

        await Expect(erin.Bubbles).ToHaveCountAsync(bubbles + 1);
        await Expect(AppPage.Balance(erin.Page)).ToContainTextAsync("¥40.00");
        await erin.Page.Context.CloseAsync();
    }

    private async Task<string> DaveIdAsync()
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services);
        var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<RedPacket.Web.Identity.AppUser>>(scope.ServiceProvider);
        return (await users.FindByNameAsync("dave"))!.Id;
    }
}
