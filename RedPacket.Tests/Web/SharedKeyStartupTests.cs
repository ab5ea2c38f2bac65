using Microsoft.AspNetCore.Mvc.Testing;

namespace RedPacket.Tests.Web;

public sealed class SharedKeyStartupTests
{
    private sealed class NoKeyEncryptionKeyHost : WebAppFixture
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RedPacket:DataProtection:PersistToRedis", "true")];
    }

    [Fact]
    public async Task Start_KeysInRedisWithoutAKeyEncryptionKey_StopsWithAClearError()
    {
        var host = new NoKeyEncryptionKeyHost();
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => host.Server);
            Assert.Contains("RedPacket:DataProtection:KeyEncryptionKey is required", e.Message);
        }
        finally
        {
            await ((WebApplicationFactory<Program>)host).DisposeAsync();
        }
    }
}
