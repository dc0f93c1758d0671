using System.Security.Cryptography;
using JobEngine.Infrastructure.Keys;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.Authority.Keys;

/// <summary>Generates new Authority keys and turns stored or file keys into security keys.</summary>
internal static class AuthorityKeyFactory
{
    public static AuthorityKey NewSigningKey(DateTimeOffset now)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new ECDsaSecurityKey(ecdsa);
        return AuthorityKey.Create(Thumbprint(key), AuthorityKey.SigningUse, SecurityAlgorithms.EcdsaSha256, ecdsa.ExportPkcs8PrivateKey(), now);
    }

    public static AuthorityKey NewEncryptionKey(DateTimeOffset now)
    {
        var material = RandomNumberGenerator.GetBytes(32);
        return AuthorityKey.Create(
            Base64UrlEncoder.Encode(SHA256.HashData(material)[..16]), AuthorityKey.EncryptionUse, SecurityAlgorithms.Aes256KW, material, now);
    }

    public static SigningCredentials ToSigningCredentials(AuthorityKey stored)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(stored.Material, out _);
        return new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = stored.KeyId }, stored.Algorithm);
    }

    public static EncryptingCredentials ToEncryptingCredentials(AuthorityKey stored) =>
        new(new SymmetricSecurityKey(stored.Material) { KeyId = stored.KeyId },
            SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512);

    /// <summary>Reads an EC P-256 or RSA (at least 2048 bits) private key from a PEM file.</summary>
    public static SigningCredentials FromPemFile(string path)
    {
        var pem = File.ReadAllText(path);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ecdsa.Dispose();
            return RsaFromPem(pem, path);
        }

        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException($"The EC signing key in '{path}' must be on curve P-256 (ES256).");
        }

        var key = new ECDsaSecurityKey(ecdsa);
        key.KeyId = Thumbprint(key);
        return new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);
    }

    private static SigningCredentials RsaFromPem(string pem, string path)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        if (rsa.KeySize < 2048)
        {
            throw new InvalidOperationException($"The RSA signing key in '{path}' must be at least 2048 bits.");
        }

        var key = new RsaSecurityKey(rsa);
        key.KeyId = Thumbprint(key);
        return new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }

    private static string Thumbprint(SecurityKey key) =>
        Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromSecurityKey(key).ComputeJwkThumbprint());
}
