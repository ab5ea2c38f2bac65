using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RedPacket.Web.Identity;

namespace RedPacket.Tests.Web;

/// <summary>What an open tab's circuit checks every minute: the validation behind <see cref="CircuitRevalidation"/>.</summary>
public sealed class CircuitRevalidationTests(WebAppFixture app) : WebTest<WebAppFixture>(app), IClassFixture<WebAppFixture>
{
    /// <summary>The circuit's provider, and the principal a circuit of <paramref name="user"/> would hold right now.</summary>
    private async Task<(CircuitRevalidation Circuit, ClaimsPrincipal Principal)> CircuitOfAsync(ApiUser user)
    {
        using var scope = App.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByIdAsync(user.Id))!);
        var circuit = Assert.IsType<CircuitRevalidation>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        return (circuit, principal);
    }

    private async Task ChangeAsync(ApiUser user, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True((await change(users, (await users.FindByIdAsync(user.Id))!)).Succeeded);
    }

    [Fact]
    public void Interval_AtMostAMinute() => Assert.True(CircuitRevalidation.Interval <= TimeSpan.FromMinutes(1));

    [Fact]
    public async Task IsStillValid_NothingChanged_True()
    {
        var (circuit, principal) = await CircuitOfAsync(await UserAsync("bob"));
        Assert.True(await circuit.IsStillValidAsync(principal));
    }

    [Fact]
    public async Task IsStillValid_SignedOutEverywhere_False()
    {
        var bob = await UserAsync("bob");
        var (circuit, principal) = await CircuitOfAsync(bob);

        await ChangeAsync(bob, (users, u) => users.UpdateSecurityStampAsync(u));

        Assert.False(await circuit.IsStillValidAsync(principal));
    }

    [Fact]
    public async Task IsStillValid_LockedOut_FalseUntilTheLockoutEnds()
    {
        var bob = await UserAsync("bob");
        var (circuit, principal) = await CircuitOfAsync(bob);

        await ChangeAsync(bob, (users, u) => users.SetLockoutEndDateAsync(u, App.Clock.GetUtcNow() + TimeSpan.FromMinutes(10)));

        Assert.False(await circuit.IsStillValidAsync(principal));
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.True(await circuit.IsStillValidAsync(principal));
    }

    [Fact]
    public async Task IsStillValid_AdminDemoted_False()
    {
        var boss = await UserAsync("boss");
        using (var scope = App.Services.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(AppUser.AdminRole)) await roles.CreateAsync(new IdentityRole(AppUser.AdminRole));
        }
        await ChangeAsync(boss, (users, u) => users.AddToRoleAsync(u, AppUser.AdminRole));
        var (circuit, principal) = await CircuitOfAsync(boss);
        Assert.True(principal.IsInRole(AppUser.AdminRole));
        Assert.True(await circuit.IsStillValidAsync(principal));

        await ChangeAsync(boss, (users, u) => users.RemoveFromRoleAsync(u, AppUser.AdminRole));

        Assert.False(await circuit.IsStillValidAsync(principal));
    }

    [Fact]
    public async Task IsStillValid_UserDeleted_False()
    {
        var bob = await UserAsync("bob", 0);
        var (circuit, principal) = await CircuitOfAsync(bob);

        await ChangeAsync(bob, (users, u) => users.DeleteAsync(u));

        Assert.False(await circuit.IsStillValidAsync(principal));
    }
}
