using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MySqlConnector;
using RedPacket.Domain.Accounts;
using RedPacket.Domain.Accounts.Pins;
using RedPacket.Domain.Common;
using RedPacket.Domain.Groups;
using RedPacket.Web.Live;

namespace RedPacket.Web.Bench;

public sealed record SeededGroup(long GroupId, string SenderUserId, string SenderToken);

public sealed record SeededUser(string UserId, long GroupId, string Token);

/// <summary>
/// Makes load-test users fast: rows written in bulk (sign-in user, wallet with no money, group membership) and
/// bearer tokens minted directly, with no password at all (such a user cannot sign in with one). Hashing a
/// password per user costs ~35 ms, which would make 30,000 users take 35 minutes. Senders get money the one
/// way money enters the books, a ledgered top-up. Only ever mapped in Development or Bench (see <see cref="BenchApi"/>).
/// </summary>
public sealed partial class BenchSeeder(
    IConfiguration config,
    GroupService groups,
    AccountService accounts,
    IOptionsMonitor<BearerTokenOptions> bearer,
    IOptions<PinOptions> pinOptions,
    TimeProvider clock)
{
    private const int Chunk = 1000;

    /// <summary>The payment PIN of every sender the seeder makes (the soak and the drills send through the API with it).</summary>
    public const string SenderPin = "135790";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(4);

    [GeneratedRegex("^[a-z0-9]{1,12}$")]
    private static partial Regex PrefixRule();

    /// <summary>
    /// <paramref name="users"/> members named <c>{prefix}{n}</c>, split into <paramref name="groupCount"/> groups of
    /// consecutive users; each group also gets a sender holding <paramref name="senderCents"/>.
    /// </summary>
    public async Task<(IReadOnlyList<SeededGroup> Groups, IReadOnlyList<SeededUser> Users)> SeedAsync(
        string prefix, int users, int groupCount, long senderCents, CancellationToken ct)
    {
        if (!PrefixRule().IsMatch(prefix ?? "")) throw new DomainException(ErrorCodes.InvalidRequest, "prefix: 1 to 12 of a-z, 0-9.");
        if (users is < 1 or > 200_000 || groupCount < 1 || groupCount > users)
            throw new DomainException(ErrorCodes.InvalidRequest, "users: 1 to 200,000; groups: 1 to users.");
        var now = clock.GetUtcNow();
        var expires = now + TokenLifetime;
        var options = bearer.Get(IdentityConstants.BearerScheme);

        var senders = Enumerable.Range(0, groupCount).Select(g => (Id: Guid.NewGuid().ToString(), Name: $"{prefix}s{g:D5}")).ToList();
        await InsertUsersAsync(senders, now, ct, pin: PinHasher.Hash(SenderPin, pinOptions.Value.HashIterations));
        var seededGroups = new List<SeededGroup>();
        foreach (var (id, name) in senders)
        {
            var group = await groups.CreateAsync(id, name, ct);
            if (senderCents > 0) await accounts.TopUpAsync(id, senderCents, ct);
            seededGroups.Add(new SeededGroup(group.Id, id, BearerTokens.Protect(options, Principal(id, name), now, expires)));
        }

        var perGroup = (users + groupCount - 1) / groupCount;
        var members = Enumerable.Range(0, users)
            .Select(i => (Id: Guid.NewGuid().ToString(), Name: $"{prefix}{i:D6}", Group: seededGroups[i / perGroup].GroupId)).ToList();
        await InsertUsersAsync(members.Select(m => (m.Id, m.Name)).ToList(), now, ct, members.Select(m => m.Group).ToList());
        var seededUsers = members.Select(m => new SeededUser(m.Id, m.Group, BearerTokens.Protect(options, Principal(m.Id, m.Name), now, expires))).ToList();
        return (seededGroups, seededUsers);
    }

    private static ClaimsPrincipal Principal(string id, string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name)], IdentityConstants.BearerScheme));

    /// <summary>
    /// Sign-in rows, wallets and (when given) memberships and a payment PIN, a thousand rows per statement. The PIN is
    /// hashed once for them all (one salt): hashing is made slow on purpose, and these are load users.
    /// </summary>
    private async Task InsertUsersAsync(IReadOnlyList<(string Id, string Name)> users, DateTimeOffset now, CancellationToken ct,
        IReadOnlyList<long>? groupOf = null, (byte[] Salt, byte[] Hash)? pin = null)
    {
        await using var connection = new MySqlConnection(config.GetConnectionString("MySql"));
        await connection.OpenAsync(ct);
        var at = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);
        for (var start = 0; start < users.Count; start += Chunk)
        {
            var part = Enumerable.Range(start, Math.Min(Chunk, users.Count - start)).ToList();
            // Ids are GUIDs and names match the prefix rule: nothing here needs quoting.
            var sql = new StringBuilder();
            sql.Append("INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, EmailConfirmed, SecurityStamp, ConcurrencyStamp, ")
               .Append("PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) VALUES ")
               .AppendJoin(",", part.Select(i => $"('{users[i].Id}','{users[i].Name}','{users[i].Name.ToUpperInvariant()}',0,'{Guid.NewGuid():N}','{Guid.NewGuid()}',0,0,1,0)"))
               .Append(";INSERT INTO accounts (UserId, UserName, BalanceCents, Version, CreatedAt) VALUES ")
               .AppendJoin(",", part.Select(i => $"('{users[i].Id}','{users[i].Name}',0,0,'{at}')"));
            if (groupOf is not null)
                sql.Append(";INSERT INTO group_members (GroupId, UserId, JoinedAt) VALUES ")
                   .AppendJoin(",", part.Select(i => $"({groupOf[i]},'{users[i].Id}','{at}')"));
            if (pin is { } p)
                sql.Append(";INSERT INTO payment_pins (UserId, Salt, Hash, Iterations, FailedAttempts, UpdatedAt) VALUES ")
                   .AppendJoin(",", part.Select(i =>
                       $"('{users[i].Id}',X'{Convert.ToHexString(p.Salt)}',X'{Convert.ToHexString(p.Hash)}',{pinOptions.Value.HashIterations},0,'{at}')"));
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using var command = new MySqlCommand(sql.ToString(), connection, tx);
            await command.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
    }
}
