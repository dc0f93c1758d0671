using System.Security.Cryptography;

namespace JobEngine.Core.Ledger;

/// <summary>
/// RFC 9162 section 2.1.1 hashing: a leaf is <c>SHA-256(0x00 || data)</c>, an interior node
/// <c>SHA-256(0x01 || left || right)</c>, and the empty tree <c>SHA-256("")</c>. The two prefixes keep
/// a leaf from ever passing for a node.
/// </summary>
public static class MerkleHash
{
    public const int Size = 32;

    public static readonly byte[] EmptyRoot = SHA256.HashData([]);

    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        Span<byte> input = data.Length <= 256 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        input[0] = 0x00;
        data.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * Size)];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        return SHA256.HashData(input);
    }

    /// <summary>Hashes as the API serves them in proofs (base64), or null when one is not 32 bytes of base64.</summary>
    public static List<byte[]>? FromBase64(IEnumerable<string> hashes)
    {
        var decoded = new List<byte[]>();
        foreach (var hash in hashes)
        {
            var bytes = new byte[Size + 3];
            if (!Convert.TryFromBase64String(hash, bytes, out var length) || length != Size)
            {
                return null;
            }

            decoded.Add(bytes[..Size]);
        }

        return decoded;
    }
}
