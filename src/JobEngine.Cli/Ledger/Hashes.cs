using JobEngine.Core.Ledger;

namespace JobEngine.Cli.Ledger;

/// <summary>Base64 hashes as the API serves them in proofs.</summary>
internal static class Hashes
{
    /// <summary>The hashes, or null when one is not 32 bytes of base64.</summary>
    public static List<byte[]>? Decode(IEnumerable<string> hashes)
    {
        var decoded = new List<byte[]>();
        foreach (var hash in hashes)
        {
            var bytes = new byte[MerkleHash.Size + 3];
            if (!Convert.TryFromBase64String(hash, bytes, out var length) || length != MerkleHash.Size)
            {
                return null;
            }

            decoded.Add(bytes[..MerkleHash.Size]);
        }

        return decoded;
    }
}
