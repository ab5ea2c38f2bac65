using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace RedPacket.Web.Identity.KeyEncryption;

/// <summary>
/// Encrypts a data-protection key's secret (its <c>&lt;masterKey&gt;</c>) with AES-256-GCM before it is written to
/// Redis, so whoever reads Redis (a dump, a replica, a backup) cannot forge cookies or tokens. Linux has no DPAPI and
/// the app no certificate store; a key from configuration is what every node can share.
/// </summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    /// <summary>Binds a ciphertext to its use: it cannot be passed off as anything else sealed with the same key.</summary>
    internal static readonly byte[] AssociatedData = "RedPacket data-protection key, v1"u8.ToArray();

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        try
        {
            using var aes = new AesGcm(kek.Bytes, TagBytes);
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
        // The decryptor type's name is written into Redis with this: renaming or moving that class orphans the keys.
        return new EncryptedXmlInfo(
            new XElement("aesGcmEncrypted", new XAttribute("kek", kek.Id),
                new XComment(" AES-256-GCM under RedPacket:DataProtection:KeyEncryptionKey "),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("tag", Convert.ToBase64String(tag)),
                new XElement("value", Convert.ToBase64String(ciphertext))),
            typeof(AesGcmXmlDecryptor));
    }
}
