using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using RedPacket.Web.Identity.KeyEncryption;

namespace RedPacket.Tests.Unit.Web;

public sealed class KeyEncryptionTests
{
    private static readonly XElement MasterKey = XElement.Parse(
        "<masterKey xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\" p4:requiresEncryption=\"true\"><value>c2VjcmV0IGtleSBtYXRlcmlhbA==</value></masterKey>");

    private static KeyEncryptionKey NewKek() => new(RandomNumberGenerator.GetBytes(32));

    private static IHostEnvironment Env(string name) => new HostingEnvironment { EnvironmentName = name };

    [Fact]
    public void Encrypt_ThenDecryptWithTheSameKey_TheSameElement()
    {
        var kek = NewKek();

        var encrypted = new AesGcmXmlEncryptor(kek).Encrypt(MasterKey);

        Assert.Equal(typeof(AesGcmXmlDecryptor), encrypted.DecryptorType);
        Assert.DoesNotContain("masterKey", encrypted.EncryptedElement.ToString());
        Assert.DoesNotContain("c2VjcmV0IGtleSBtYXRlcmlhbA==", encrypted.EncryptedElement.ToString());
        Assert.Equal(MasterKey.ToString(), new AesGcmXmlDecryptor(kek).Decrypt(encrypted.EncryptedElement).ToString());
    }

    [Fact]
    public void Encrypt_Twice_DifferentCiphertexts()
    {
        var encryptor = new AesGcmXmlEncryptor(NewKek());
        Assert.NotEqual(encryptor.Encrypt(MasterKey).EncryptedElement.ToString(), encryptor.Encrypt(MasterKey).EncryptedElement.ToString());
    }

    [Fact]
    public void Decrypt_AnotherKey_RefusedNamingBothKeys()
    {
        var (mine, theirs) = (NewKek(), NewKek());
        var encrypted = new AesGcmXmlEncryptor(theirs).Encrypt(MasterKey).EncryptedElement;

        var e = Assert.ThrowsAny<CryptographicException>(() => new AesGcmXmlDecryptor(mine).Decrypt(encrypted));

        Assert.Contains(theirs.Id, e.Message);
        Assert.Contains(mine.Id, e.Message);
    }

    [Fact]
    public void Decrypt_Tampered_Refused()
    {
        var kek = NewKek();
        var encrypted = new AesGcmXmlEncryptor(kek).Encrypt(MasterKey).EncryptedElement;
        var value = encrypted.Element("value")!;
        var bytes = Convert.FromBase64String(value.Value);
        bytes[0] ^= 1;
        value.Value = Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => new AesGcmXmlDecryptor(kek).Decrypt(encrypted));
    }

    [Fact]
    public void FromSetting_MissingOutsideDevelopment_AClearError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.FromSetting(null, Env("Production")));
        Assert.Contains("RedPacket:DataProtection:KeyEncryptionKey is required", e.Message);
        Assert.Contains("openssl rand -base64 32", e.Message);
    }

    [Fact]
    public void FromSetting_MissingInDevelopment_NoneAndKeysInClear() => Assert.Null(KeyEncryptionKey.FromSetting("", Env("Development")));

    [Theory]
    [InlineData("not base64!", "not base64")]
    [InlineData("c2hvcnQ=", "has 5 bytes")]
    public void FromSetting_Malformed_AClearError(string setting, string says)
    {
        var e = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.FromSetting(setting, Env("Production")));
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void FromSetting_32Bytes_TheKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(bytes, KeyEncryptionKey.FromSetting(Convert.ToBase64String(bytes), Env("Production"))!.Bytes);
    }
}
