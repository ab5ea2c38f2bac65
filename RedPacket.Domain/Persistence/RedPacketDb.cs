using Microsoft.EntityFrameworkCore;

namespace RedPacket.Domain.Persistence;

/// <summary>
/// The ledger of record. Add a migration with:
/// <c>dotnet ef migrations add &lt;Name&gt; -p RedPacket.Domain -o Persistence/Migrations</c>
/// </summary>
public sealed class RedPacketDb(DbContextOptions<RedPacketDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RedPacketDb).Assembly);
}
