using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RedPacket.Domain.Persistence;

/// <summary>For <c>dotnet ef</c> only: a fixed server version, so adding a migration needs no running server.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<RedPacketDb>
{
    public RedPacketDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<RedPacketDb>()
        .UseMySql("Server=127.0.0.1;Port=3310;User ID=root;Database=redpacket", ServerVersion.Parse("10.11.0-mariadb"))
        .Options);
}
