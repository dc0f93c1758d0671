using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace JobEngine.SignedNotes;

/// <summary>
/// Signs note texts with an Ed25519 key held in the C2SP private key form
/// <c>PRIVATE+KEY+&lt;name&gt;+&lt;hash&gt;+&lt;base64(0x01 || seed)&gt;</c>, the form Go's
/// <c>golang.org/x/mod/sumdb/note</c> reads.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const string Prefix = "PRIVATE+KEY+";
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private readonly Key _key;

    private NoteSigner(string name, Key key)
    {
        Name = name;
        _key = key;
        var encoded = EncodedPublicKey(key.PublicKey);
        KeyHash = NoteKeyName.KeyHash(name, encoded);
        VerifierKey = $"{name}+{KeyHash:x8}+{Convert.ToBase64String(encoded)}";
    }

    public string Name { get; }

    public uint KeyHash { get; }

    /// <summary>The public verifier key, <c>&lt;name&gt;+&lt;hash&gt;+&lt;base64(0x01 || public key)&gt;</c>.</summary>
    public string VerifierKey { get; }

    /// <summary>A new key named <paramref name="name"/>, and its private key string (to be kept secret).</summary>
    public static (NoteSigner Signer, string PrivateKey) Generate(string name)
    {
        if (!NoteKeyName.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid note key name (non-empty, no spaces, no '+').", nameof(name));
        }

        var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        var signer = new NoteSigner(name, key);
        var encoded = new byte[seed.Length + 1];
        encoded[0] = NoteKeyName.Ed25519;
        seed.CopyTo(encoded, 1);
        CryptographicOperations.ZeroMemory(seed);
        return (signer, $"{Prefix}{name}+{signer.KeyHash:x8}+{Convert.ToBase64String(encoded)}");
    }

    /// <summary>Reads a private key string; false, with the reason, when it is not one or its hash does not match.</summary>
    public static bool TryParse(string privateKey, [NotNullWhen(true)] out NoteSigner? signer, [NotNullWhen(false)] out string? error)
    {
        signer = null;
        var parts = privateKey.Trim().StartsWith(Prefix, StringComparison.Ordinal) ? privateKey.Trim()[Prefix.Length..].Split('+', 3) : [];
        if (parts.Length != 3 || !NoteKeyName.IsValid(parts[0]) || parts[1].Length != 8
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash))
        {
            error = "not a note private key (PRIVATE+KEY+<name>+<hash>+<key>)";
            return false;
        }

        var encoded = new byte[parts[2].Length];
        if (!Convert.TryFromBase64String(parts[2], encoded, out var length) || length != 33 || encoded[0] != NoteKeyName.Ed25519)
        {
            error = "the key is not an Ed25519 note key";
            return false;
        }

        var key = Key.Import(Algorithm, encoded.AsSpan(1, 32), KeyBlobFormat.RawPrivateKey);
        CryptographicOperations.ZeroMemory(encoded);
        var candidate = new NoteSigner(parts[0], key);
        if (candidate.KeyHash != hash)
        {
            candidate.Dispose();
            error = "the key hash does not match the key";
            return false;
        }

        signer = candidate;
        error = null;
        return true;
    }

    /// <summary>The signed note: <paramref name="text"/> (ending in a newline), a blank line, and this key's signature line.</summary>
    public string Sign(string text)
    {
        if (!text.EndsWith('\n') || text.Contains("\n\n", StringComparison.Ordinal))
        {
            throw new ArgumentException("A note's text ends with a newline and has no blank line.", nameof(text));
        }

        var signature = Algorithm.Sign(_key, Encoding.UTF8.GetBytes(text));
        var encoded = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(encoded, KeyHash);
        signature.CopyTo(encoded, 4);
        return $"{text}\n\u2014 {Name} {Convert.ToBase64String(encoded)}\n";
    }

    public void Dispose() => _key.Dispose();

    private static byte[] EncodedPublicKey(PublicKey key)
    {
        var raw = key.Export(KeyBlobFormat.RawPublicKey);
        var encoded = new byte[raw.Length + 1];
        encoded[0] = NoteKeyName.Ed25519;
        raw.CopyTo(encoded, 1);
        return encoded;
    }
}
