using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.LoadDriver;

/// <summary>
/// The key the bench's servers sign tokens with, given to them as a file
/// (<c>JobEngine:Authority:SigningKeyFile</c>), so that the signing baselines (in-process and the
/// HTTP signing endpoint) use the very same key: keys the server keeps in its store are encrypted
/// with its key ring, which the bench has no business opening. Signing costs the same either way.
/// </summary>
internal static class BenchSigningKey
{
    private static readonly Lazy<string> KeyFile = new(Create);

    /// <summary>Made on first use, in the driver's process only.</summary>
    public static string FilePath => KeyFile.Value;

    /// <summary>The key of <paramref name="keyFile"/> (the signing endpoint's process is given the driver's file).</summary>
    public static SigningCredentials Credentials(string keyId, string keyFile)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(File.ReadAllText(keyFile));
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
