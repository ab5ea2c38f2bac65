using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using RedPacket.Domain.Redis;
using RedPacket.Web.Identity.KeyEncryption;
using StackExchange.Redis;

namespace RedPacket.Web.Identity;

/// <summary>Configuration section <c>RedPacket:DataProtection</c>.</summary>
public sealed class SharedKeyOptions
{
    public const string Section = "RedPacket:DataProtection";

    /// <summary>Keep the data-protection keys in Redis, shared by every web node.</summary>
    public bool PersistToRedis { get; set; }

    /// <summary>Base64 of 32 random bytes that encrypt the keys in Redis; required with <see cref="PersistToRedis"/> outside Development.</summary>
    public string? KeyEncryptionKey { get; set; }
}

public static class SharedKeys
{
    /// <summary>
    /// Cookies, bearer tokens and antiforgery tokens are sealed with data-protection keys. One node can keep
    /// them on its disk; several nodes must share them (<c>RedPacket:DataProtection:PersistToRedis=true</c>),
    /// or a token issued by one node is refused by the next. In Redis they are encrypted at rest with the
    /// key-encryption key (AES-256-GCM), which start-up demands outside Development.
    /// </summary>
    public static IHostApplicationBuilder AddSharedKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SharedKeyOptions>().BindConfiguration(SharedKeyOptions.Section);
        builder.Services.AddDataProtection().SetApplicationName("RedPacket");
        // Read now, not from IOptions later: whether keys go to Redis decides what is registered, and a missing
        // key-encryption key should stop the start before anything else happens.
        var options = builder.Configuration.GetSection(SharedKeyOptions.Section).Get<SharedKeyOptions>() ?? new();
        if (!options.PersistToRedis) return builder;

        var kek = KeyEncryptionKey.FromSetting(options.KeyEncryptionKey, builder.Environment);
        if (kek is not null) builder.Services.AddSingleton(kek); // the decryptor, created by type name, finds it here
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((o, redis, prefix) =>
            {
                o.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), KeyName(prefix.Value));
                if (kek is not null) o.XmlEncryptor = new AesGcmXmlEncryptor(kek);
            });
        return builder;
    }

    public static RedisKey KeyName(RedisOptions options) => options.KeyPrefix + "dataprotection-keys";
}
