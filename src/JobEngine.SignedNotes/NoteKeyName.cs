using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace JobEngine.SignedNotes;

/// <summary>
/// The parts of a C2SP signed-note key that are not cryptography: its name (non-empty, no white
/// space, no '+') and its 32-bit key hash, the first four bytes of SHA-256(name, newline, the
/// encoded public key), big-endian.
/// </summary>
public static class NoteKeyName
{
    /// <summary>The algorithm byte of Ed25519 keys, the only kind of key notes use.</summary>
    public const byte Ed25519 = 0x01;

    public static bool IsValid(string name) =>
        name.Length > 0 && !name.Contains('+') && !name.Any(char.IsWhiteSpace) && !name.Any(char.IsControl);

    public static uint KeyHash(string name, ReadOnlySpan<byte> encodedPublicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\n");
        var input = new byte[nameBytes.Length + encodedPublicKey.Length];
        nameBytes.CopyTo(input, 0);
        encodedPublicKey.CopyTo(input.AsSpan(nameBytes.Length));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }
}
