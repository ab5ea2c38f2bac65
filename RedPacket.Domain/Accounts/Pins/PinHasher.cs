using System.Security.Cryptography;
using System.Text;

namespace RedPacket.Domain.Accounts.Pins;

/// <summary>PINs hashed like passwords (PBKDF2-HMAC-SHA256 with a random salt) and compared in constant time.</summary>
public static class PinHasher
{
    private const int SaltBytes = 16, HashBytes = 32;

    public static (byte[] Salt, byte[] Hash) Hash(string pin, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return (salt, Derive(pin, salt, iterations));
    }

    internal static bool Matches(string pin, PaymentPin stored) =>
        CryptographicOperations.FixedTimeEquals(Derive(pin, stored.Salt, stored.Iterations), stored.Hash);

    private static byte[] Derive(string pin, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
