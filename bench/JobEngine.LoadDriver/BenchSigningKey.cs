using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.LoadDriver;

/// <summary>
/// The key the bench's servers sign tokens with, given to them as a file
/// (<c>JobEngine:Authority:SigningKeyFile</c>), so that the in-process signing baseline uses the
/// very same key: keys the server keeps in its store are encrypted with its key ring, which the
/// bench has no business opening. Signing costs the same either way.
/// </summary>
internal static class BenchSigningKey
{
    public static readonly string FilePath = Create();

    public static SigningCredentials Credentials(string keyId)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(File.ReadAllText(FilePath));
        return new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256);
    }

    private static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jobengine-bench-signing-{Environment.ProcessId}.pem");
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(path, ecdsa.ExportPkcs8PrivateKeyPem());
        return path;
    }
}
