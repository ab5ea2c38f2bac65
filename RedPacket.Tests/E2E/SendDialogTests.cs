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

    private async Task<string> DaveIdAsync()
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services);
        var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<RedPacket.Web.Identity.AppUser>>(scope.ServiceProvider);
        return (await users.FindByNameAsync("dave"))!.Id;
    }
}
