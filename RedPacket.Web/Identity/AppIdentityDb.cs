using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RedPacket.Web.Identity;

/// <summary>
/// ASP.NET Core Identity's tables, in the same database as the ledger but with their own migrations
/// (history table <c>__IdentityMigrationsHistory</c>), so the domain knows nothing of ASP.NET.
/// Add a migration with:
/// <c>dotnet ef migrations add &lt;Name&gt; -p RedPacket.Web -s RedPacket.Web -c AppIdentityDb -o Identity/Migrations</c>
/// </summary>
public sealed class AppIdentityDb(DbContextOptions<AppIdentityDb> options) : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public const string HistoryTable = "__IdentityMigrationsHistory";
}

/// <summary>For <c>dotnet ef</c> only: needs no running server.</summary>
internal sealed class AppIdentityDbDesignFactory : IDesignTimeDbContextFactory<AppIdentityDb>
{
    public AppIdentityDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AppIdentityDb>()
        .UseMySql("Server=127.0.0.1;Port=3310;User ID=root;Database=redpacket", ServerVersion.Parse("10.11.0-mariadb"),
            o => o.MigrationsHistoryTable(AppIdentityDb.HistoryTable))
        .Options);
}
