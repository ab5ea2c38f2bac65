using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Redis;
using StackExchange.Redis;

namespace RedPacket.Web.Identity;

public static class SharedKeys
{
    /// <summary>
    /// Cookies, bearer tokens and antiforgery tokens are sealed with data-protection keys. One node can keep
    /// them on its disk; several nodes must share them (<c>RedPacket:DataProtection:PersistToRedis=true</c>),
    /// or a token issued by one node is refused by the next.
    /// </summary>
    public static IHostApplicationBuilder AddSharedKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("RedPacket");
        if (builder.Configuration.GetValue("RedPacket:DataProtection:PersistToRedis", false))
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((o, redis, prefix) =>
                    o.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), KeyName(prefix.Value)));
        return builder;
    }

    public static RedisKey KeyName(RedisOptions options) => options.KeyPrefix + "dataprotection-keys";
}
