using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Web.Identity;
using RedPacket.Tests.Support;

namespace RedPacket.Tests.Web;

/// <summary>Base of the web tests: a user factory, and the book audit after every test (via <see cref="IntegrationTest{T}"/>).</summary>
public abstract class WebTest<TFixture>(TFixture app) : IntegrationTest<TFixture>(app) where TFixture : WebAppFixture
{
    protected TFixture App => Fixture;

    protected Task<ApiUser> UserAsync(string name, long balanceCents = 10_000) => ApiUser.CreateAsync(App, name, balanceCents);

    /// <summary>A user with the admin role, signed in again so the role is in the token.</summary>
    protected async Task<ApiUser> AdminAsync()
    {
        var admin = await UserAsync("admin", 0);
        using var scope = App.Services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(AppUser.AdminRole)) await roles.CreateAsync(new IdentityRole(AppUser.AdminRole));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await users.AddToRoleAsync((await users.FindByIdAsync(admin.Id))!, AppUser.AdminRole);
        return await admin.SignInAgainAsync(App);
    }

    /// <summary>A group created by <paramref name="owner"/> that the others joined with its invitation code.</summary>
    protected static async Task<long> GroupAsync(ApiUser owner, params ApiUser[] members)
    {
        var created = await (await owner.PostAsync("/api/groups", new { name = "family" })).EnsureSuccessStatusCode().JsonAsync();
        var id = created.GetProperty("id").GetInt64();
        foreach (var m in members)
            (await m.PostAsync($"/api/groups/{id}/join", new { inviteCode = created.GetProperty("inviteCode").GetString() }))
                .EnsureSuccessStatusCode();
        return id;
    }

    protected static async Task<long> SendAsync(ApiUser sender, long groupId, long totalCents, int count, string kind = "lucky")
    {
        var sent = await (await sender.PostAsync($"/api/groups/{groupId}/packets", new { totalCents, count, kind, greeting = "hi", pin = RedPacket.Tests.Web.ApiUser.Pin }))
            .EnsureSuccessStatusCode().JsonAsync();
        return sent.GetProperty("packetId").GetInt64();
    }
}
