using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace JobEngine.SignedNotes;

/// <summary>
/// Checks signed notes against one verifier key (<c>&lt;name&gt;+&lt;hash&gt;+&lt;base64(0x01 ||
/// public key)&gt;</c>): the note must carry a signature line of that name and key hash whose
/// Ed25519 signature of the text holds. Other signature lines (a witness's cosignature) are
/// allowed and not checked here.
/// </summary>
public sealed class NoteVerifier
{
    private const string SignaturePrefix = "\u2014 ";
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private readonly PublicKey _key;

    private NoteVerifier(string name, uint keyHash, PublicKey key, string verifierKey)
    {
        Name = name;
        KeyHash = keyHash;
        _key = key;
        VerifierKey = verifierKey;
    }

    public string Name { get; }

    public uint KeyHash { get; }

    public string VerifierKey { get; }

    public static bool TryParse(string verifierKey, [NotNullWhen(true)] out NoteVerifier? verifier, [NotNullWhen(false)] out string? error)
    {
        verifier = null;
        var trimmed = verifierKey.Trim();
        var parts = trimmed.Split('+', 3);
        if (parts.Length != 3 || !NoteKeyName.IsValid(parts[0]) || parts[1].Length != 8
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash))
        {
            error = "not a note verifier key (<name>+<hash>+<key>)";
            return false;
        }

        var encoded = new byte[parts[2].Length];
        if (!Convert.TryFromBase64String(parts[2], encoded, out var length) || length != 33 || encoded[0] != NoteKeyName.Ed25519)
        {
            error = "the key is not an Ed25519 note key";
            return false;
        }

        if (NoteKeyName.KeyHash(parts[0], encoded.AsSpan(0, 33)) != hash)
        {
            error = "the key hash does not match the key";
            return false;
        }

        verifier = new NoteVerifier(parts[0], hash, PublicKey.Import(Algorithm, encoded.AsSpan(1, 32), KeyBlobFormat.RawPublicKey), trimmed);
        error = null;
        return true;
    }

    /// <summary>The text of <paramref name="note"/> when this key signed it; otherwise false and why.</summary>
    public bool TryOpen(string note, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? error)
    {
        text = null;
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            error = "not a signed note (a text, a blank line, signature lines)";
            return false;
        }

        var body = note[..(split + 1)];
        foreach (var line in note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                error = "a signature line does not start with an em dash";
                return false;
            }

            var fields = line[SignaturePrefix.Length..].Split(' ');
            var signature = fields.Length == 2 ? new byte[fields[1].Length] : [];
            if (fields.Length != 2 || !Convert.TryFromBase64String(fields[1], signature, out var length) || length < 4)
            {
                error = "a signature line is malformed";
                return false;
            }

            if (fields[0] != Name || BinaryPrimitives.ReadUInt32BigEndian(signature) != KeyHash)
            {
                continue;
            }

            if (!Algorithm.Verify(_key, Encoding.UTF8.GetBytes(body), signature.AsSpan(4, length - 4)))
            {
                error = $"the signature of {Name} does not verify: the note was changed or signed by another key";
                return false;
            }

            text = body;
            error = null;
            return true;
        }

        error = $"the note carries no signature of {Name}+{KeyHash:x8}";
        return false;
    }
}
