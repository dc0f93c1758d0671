namespace JobEngine.Infrastructure.Keys;

/// <summary>
/// A key the Authority signs or encrypts with. Kept in the shared store so that every
/// Authority process on it uses the same keys, and tokens survive restarts.
/// </summary>
public sealed class AuthorityKey
{
    public const string SigningUse = "sig";
    public const string EncryptionUse = "enc";

    private AuthorityKey(string keyId, string use, string algorithm, byte[] material, DateTimeOffset createdAt)
    {
        KeyId = keyId;
        Use = use;
        Algorithm = algorithm;
        Material = material;
        CreatedAt = createdAt;
    }

    /// <summary>The key id published as <c>kid</c>.</summary>
    public string KeyId { get; private set; }

    /// <summary><see cref="SigningUse"/> or <see cref="EncryptionUse"/>.</summary>
    public string Use { get; private set; }

    /// <summary>The JOSE algorithm the key serves, e.g. <c>ES256</c>.</summary>
    public string Algorithm { get; private set; }

    /// <summary>
    /// The private key, encrypted by the Authority before it is stored (PKCS#8 for asymmetric keys,
    /// raw bytes for symmetric ones, once decrypted).
    /// </summary>
    public byte[] Material { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Replaces the stored material, e.g. a key kept in the clear by an earlier version, now encrypted.</summary>
    public void Reseal(byte[] material) => Material = material;

    public static AuthorityKey Create(string keyId, string use, string algorithm, byte[] material, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(use);
        ArgumentException.ThrowIfNullOrWhiteSpace(algorithm);
        ArgumentNullException.ThrowIfNull(material);
        return new AuthorityKey(keyId, use, algorithm, material, createdAt);
    }
}
