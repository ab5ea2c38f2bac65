using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Accounts.Pins;
using RedPacket.Domain.Groups;
using RedPacket.Web.Identity;

namespace RedPacket.Web.Demo;

/// <summary>Configuration section <c>RedPacket:Demo</c>.</summary>
public sealed class DemoOptions
{
    public bool Enabled { get; set; }
    public string[] Users { get; set; } = ["alice", "bob", "carol", "dave", "erin"];
    public string Password { get; set; } = "redpacket1";
    /// <summary>The demo users' payment PIN (支付密码), asked for at every send.</summary>
    public string Pin { get; set; } = "135790";
    public long StartingBalanceCents { get; set; } = 50_000;
    public string AdminUser { get; set; } = "admin";
    public string AdminPassword { get; set; } = "admin12345";
    public string GroupName { get; set; } = "Family";
}

/// <summary>
/// First run in demo mode: five users with money and a payment PIN, an admin, and the group "Family" holding the five.
/// Safe to run at every start: whatever exists is left alone.
/// </summary>
public sealed class DemoSeeder(UserManager<AppUser> users, RoleManager<IdentityRole> roles, UserRegistration registration,
    GroupService groups, PaymentPins pins, IOptions<DemoOptions> options, ILogger<DemoSeeder> log)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        if (!await roles.RoleExistsAsync(AppUser.AdminRole)) await roles.CreateAsync(new IdentityRole(AppUser.AdminRole));

        var ids = new List<string>();
        foreach (var name in o.Users) ids.Add((await EnsureUserAsync(name, o.Password, o.StartingBalanceCents, ct)).Id);
        foreach (var id in ids)
            if (!await pins.IsSetAsync(id, ct)) await pins.SetAsync(id, o.Pin, currentPin: null, ct);
        var admin = await EnsureUserAsync(o.AdminUser, o.AdminPassword, 0, ct);
        if (!await users.IsInRoleAsync(admin, AppUser.AdminRole)) await users.AddToRoleAsync(admin, AppUser.AdminRole);

        if (await groups.FindByNameAsync(o.GroupName, ct) is null && ids.Count > 0)
        {
            var family = await groups.CreateAsync(ids[0], o.GroupName, ct);
            foreach (var id in ids.Skip(1)) await groups.AddMemberAsync(family.Id, id, ct);
            log.LogInformation("Demo group {Group} created with {Count} members", o.GroupName, ids.Count);
        }
    }

    private async Task<AppUser> EnsureUserAsync(string name, string password, long balance, CancellationToken ct) =>
        await users.FindByNameAsync(name) ?? await registration.RegisterAsync(name, password, balance, ct);
}
