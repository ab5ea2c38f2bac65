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

    /// <summary>
    /// A tracked entity whose changes were written by hand: its current values are now the database's, so the
    /// context neither writes them again nor checks a later change against the old concurrency token.
    /// </summary>
    internal void MarkPersisted(object entity)
    {
        var entry = Entry(entity);
        entry.OriginalValues.SetValues(entry.CurrentValues);
        entry.State = EntityState.Unchanged;
    }
}
