using RedPacket.Domain.Persistence;

namespace RedPacket.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies migrations at start-up in Development (or when <c>RedPacket:Database:MigrateOnStart</c> is true);
    /// production applies them as a deployment step.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var migrate = app.Configuration.GetValue<bool?>("RedPacket:Database:MigrateOnStart") ?? app.Environment.IsDevelopment();
        if (!migrate) return;
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    }
}
