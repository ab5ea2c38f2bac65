using Microsoft.AspNetCore.Identity;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Common;
using RedPacket.Web.Api;

namespace RedPacket.Web.Identity;

/// <summary>Configuration section <c>RedPacket:Registration</c>.</summary>
public sealed class RegistrationOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Demo credit for a new user, in cents; 0 for none. This is the only way money enters the books.</summary>
    public long StartingBalanceCents { get; set; }
}

/// <summary>Creates a sign-in (Identity) and a wallet (domain account) together.</summary>
public sealed class UserRegistration(UserManager<AppUser> users, AccountService accounts, Microsoft.Extensions.Options.IOptions<RegistrationOptions> options)
{
    public async Task<AppUser> RegisterAsync(string userName, string password, long? startingBalanceCents = null, CancellationToken ct = default)
    {
        userName = (userName ?? "").Trim();
        if (userName.Length is < 3 or > 32 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            throw new DomainException(ErrorCodes.InvalidRequest, "A user name has 3 to 32 letters, digits, '_', '-' or '.'.");
        if (await users.FindByNameAsync(userName) is not null)
            throw new DomainException(DomainProblemMapping.UserExists, "That user name is taken.");
        var user = new AppUser { UserName = userName };
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code.Contains("UserName", StringComparison.Ordinal)))
                throw new DomainException(DomainProblemMapping.UserExists, "That user name is taken.");
            throw new DomainException(DomainProblemMapping.InvalidPassword, string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await accounts.OpenAsync(user.Id, userName, ct);
        var credit = startingBalanceCents ?? options.Value.StartingBalanceCents;
        if (credit > 0) await accounts.TopUpAsync(user.Id, credit, ct);
        return user;
    }
}
