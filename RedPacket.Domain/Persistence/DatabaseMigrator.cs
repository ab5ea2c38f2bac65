using Microsoft.EntityFrameworkCore;

namespace RedPacket.Domain.Persistence;

/// <summary>Applies the EF migrations; MigrateAsync also creates the database when it is missing.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<RedPacketDb> contexts)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}
