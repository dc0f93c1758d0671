using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace JobEngine.Authority.Keys;

/// <summary>The certificate that encrypts the Data Protection key ring (<see cref="AuthorityOptions.KeyRingCertificateFile"/>).</summary>
internal static class KeyRingCertificate
{
    private const string Setting = $"{AuthorityOptions.SectionName}:{nameof(AuthorityOptions.KeyRingCertificateFile)}";

    /// <summary>
    /// The configured certificate with its private key, or null when none is configured. Read
    /// while services are registered, before options exist, so it names its setting itself.
    /// </summary>
    public static X509Certificate2? Load(IConfiguration configuration, string contentRoot)
    {
        if (configuration[Setting] is not { Length: > 0 } configured)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(contentRoot, configured));
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(path);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{Setting} ('{path}') must be a readable PEM file holding a certificate and its private key: {exception.Message}", exception);
        }

        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"{Setting} ('{path}') must hold an RSA certificate with its private key: XML encryption of the key ring uses RSA.");
        }

        return certificate;
    }
}
