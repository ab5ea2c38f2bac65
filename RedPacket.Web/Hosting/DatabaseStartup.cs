using Microsoft.EntityFrameworkCore;
using RedPacket.Domain.Persistence;
using RedPacket.Web.Demo;
using RedPacket.Web.Identity;

namespace RedPacket.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies both sets of migrations (ledger, then sign-in) at start-up in Development, or when
    /// <c>RedPacket:Database:MigrateOnStart</c> is true (production applies them as a deployment step),
    /// then seeds the demo users when demo mode is on.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var migrate = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.MigrateOnStart
            ?? app.Environment.IsDevelopment();
        if (!migrate) return;
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppIdentityDb>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }
}
