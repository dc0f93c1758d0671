using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Authority;

/// <summary>
/// A key ring encrypted with a certificate: its files alone decrypt nothing, the process that has
/// the certificate signs with the same key across restarts, and one without it refuses to start.
/// </summary>
public sealed class KeyRingCertificateTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TheKeyRing_IsEncryptedWithTheCertificate_AndNeedsItToStart()
    {
        Directory.CreateDirectory(_directory);
        var certificateFile = Path.Combine(_directory, "key-ring.pem");
        WriteCertificate(certificateFile);
        var withCertificate = new Dictionary<string, string?> { ["JobEngine:Authority:KeyRingCertificateFile"] = certificateFile };

        string kid;
        await using (var first = new JobEngineApp(dataDirectory: _directory, settings: withCertificate))
        {
            kid = KidOf((await new TokenClient(first.CreateClient()).RequestAsync(TestClient.Viewer, "orch:read")).AccessToken);
        }

        var keyRingFiles = Directory.GetFiles(Path.Combine(_directory, "keys"), "*.xml");
        Assert.NotEmpty(keyRingFiles);
        Assert.All(keyRingFiles, file =>
        {
            var xml = File.ReadAllText(file);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        await using (var restarted = new JobEngineApp(dataDirectory: _directory, settings: withCertificate))
        {
            Assert.Equal(kid, KidOf((await new TokenClient(restarted.CreateClient()).RequestAsync(TestClient.Viewer, "orch:read")).AccessToken));
        }

        await using var withoutCertificate = new JobEngineApp(dataDirectory: _directory);
        var refused = Assert.ThrowsAny<Exception>(() => withoutCertificate.Server);
        Assert.Contains("JobEngine:Authority:KeyRingCertificateFile", Flatten(refused));
    }

    [Fact]
    public async Task ACertificateFileWithoutAPrivateKey_StopsStartUpNamingTheSetting()
    {
        Directory.CreateDirectory(_directory);
        var certificateFile = Path.Combine(_directory, "public-only.pem");
        using (var rsa = RSA.Create(2048))
        {
            using var certificate = SelfSigned(rsa);
            await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        }

        await using var app = new JobEngineApp(dataDirectory: _directory,
            settings: new Dictionary<string, string?> { ["JobEngine:Authority:KeyRingCertificateFile"] = certificateFile });

        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("JobEngine:Authority:KeyRingCertificateFile", Flatten(refused));
    }

    public void Dispose() => TestStore.Delete(_directory);

    private static void WriteCertificate(string path)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(rsa);
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
    }

    private static X509Certificate2 SelfSigned(RSA rsa) =>
        new CertificateRequest("CN=JobEngine key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));

    private static string KidOf(string token) => Jwt.Parse(token).Header.GetProperty("kid").GetString()!;

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " " + Flatten(exception.InnerException);
}
