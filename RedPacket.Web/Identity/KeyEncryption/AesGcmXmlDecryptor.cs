using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace RedPacket.Web.Identity.KeyEncryption;

/// <summary>Decrypts what <see cref="AesGcmXmlEncryptor"/> wrote. Data protection creates it by type name from Redis.</summary>
public sealed class AesGcmXmlDecryptor : IXmlDecryptor
{
    private readonly KeyEncryptionKey _kek;

    /// <summary>The constructor data protection calls: the key comes from the app's services.</summary>
    public AesGcmXmlDecryptor(IServiceProvider services) =>
        _kek = services.GetService<KeyEncryptionKey>() ?? throw new InvalidOperationException(
            $"A data-protection key in Redis is encrypted, and {KeyEncryptionKey.Setting} is not set on this node.");

    public AesGcmXmlDecryptor(KeyEncryptionKey kek) => _kek = kek;

    public XElement Decrypt(XElement encryptedElement)
    {
        var id = (string?)encryptedElement.Attribute("kek");
        if (id != _kek.Id)
            throw new CryptographicException(
                $"A data-protection key was encrypted under key-encryption key {id}; this node has {_kek.Id}. Every node needs the same {KeyEncryptionKey.Setting}.");
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var ciphertext = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(_kek.Bytes, AesGcmXmlEncryptor.TagBytes);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AesGcmXmlEncryptor.AssociatedData);
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
