using System.Security.Cryptography;

namespace RedPacket.Domain.Packets.Splitting;

/// <summary>Random draws nobody can predict: a share's size must not be guessable from earlier ones.</summary>
public interface ISecureRandom
{
    /// <summary>Uniform in [0, 1).</summary>
    double NextDouble();

    long NextInt64(long minInclusive, long maxExclusive);
}

public sealed class CryptoRandom : ISecureRandom
{
    public double NextDouble()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        // 53 random bits: every double in [0, 1) this can produce is equally likely.
        return (BitConverter.ToUInt64(bytes) >> 11) * (1.0 / (1UL << 53));
    }

    public long NextInt64(long minInclusive, long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(minInclusive, maxExclusive);
        var range = (ulong)(maxExclusive - minInclusive);
        // Rejection sampling: no modulo bias.
        var limit = ulong.MaxValue - ulong.MaxValue % range;
        Span<byte> bytes = stackalloc byte[8];
        ulong draw;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            draw = BitConverter.ToUInt64(bytes);
        } while (draw >= limit);
        return minInclusive + (long)(draw % range);
    }
}

internal static class Shuffle
{
    /// <summary>Fisher–Yates with the secure source, so a share's position says nothing about its size.</summary>
    public static long[] InPlace(long[] items, ISecureRandom random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)random.NextInt64(0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }
}
