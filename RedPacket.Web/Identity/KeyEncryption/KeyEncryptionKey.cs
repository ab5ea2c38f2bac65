using System.Security.Cryptography;

namespace RedPacket.Web.Identity.KeyEncryption;

/// <summary>
/// The key that encrypts the data-protection keys kept in Redis (<c>RedPacket:DataProtection:KeyEncryptionKey</c>):
/// 32 random bytes in base64, the same on every node. Its <see cref="Id"/> (a hash, not the key) is written beside each
/// encrypted key, so a node with another key says so instead of failing with a bare authentication error.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string Setting = SharedKeyOptions.Section + ":KeyEncryptionKey";

    public KeyEncryptionKey(byte[] bytes)
    {
        if (bytes.Length != 32) throw new ArgumentException($"A key-encryption key has 32 bytes (AES-256), not {bytes.Length}.", nameof(bytes));
        Bytes = bytes;
        Id = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    public byte[] Bytes { get; }
    public string Id { get; }

    /// <summary>The configured key; null only in Development, where keys may be kept in clear.</summary>
    public static KeyEncryptionKey? FromSetting(string? base64, IHostEnvironment env)
    {
        if (string.IsNullOrWhiteSpace(base64))
            return env.IsDevelopment() ? null : throw new InvalidOperationException(
                $"{Setting} is required when {SharedKeyOptions.Section}:PersistToRedis is true (outside Development): the keys that seal " +
                "every cookie and token would otherwise lie in Redis in clear. Set it to 32 random bytes in base64, the same on every " +
                "node, e.g. the output of `openssl rand -base64 32`.");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Setting} is not base64. Use 32 random bytes in base64 (`openssl rand -base64 32`).");
        }
        if (bytes.Length != 32)
            throw new InvalidOperationException($"{Setting} has {bytes.Length} bytes; it needs 32 (AES-256). Use `openssl rand -base64 32`.");
        return new KeyEncryptionKey(bytes);
    }
}
