using System.Security.Cryptography;
using JobEngine.Infrastructure.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace JobEngine.Authority.Keys;

/// <summary>
/// Encrypts the Authority's keys before they reach the store, with ASP.NET Core Data Protection
/// whose key ring lives outside the database (<see cref="AuthorityOptions.KeyRingPath"/>): a copy
/// of the database alone holds no usable private key.
/// </summary>
internal sealed class KeyProtection(IDataProtectionProvider provider, IOptions<AuthorityOptions> options)
{
    // Every Data Protection payload starts with this magic header; a key stored by an earlier
    // version, in the clear, does not.
    private static readonly byte[] ProtectedPayloadHeader = [0x09, 0xF0, 0xC9, 0xF0];

    private readonly IDataProtector _protector = provider.CreateProtector("JobEngine.Authority.Keys");

    public AuthorityKey Seal(AuthorityKey key) =>
        AuthorityKey.Create(key.KeyId, key.Use, key.Algorithm, _protector.Protect(key.Material), key.CreatedAt);

    public static bool IsSealed(AuthorityKey stored) => stored.Material.AsSpan().StartsWith(ProtectedPayloadHeader);

    /// <summary>The key with its material decrypted; start-up stops here when the key ring cannot open it.</summary>
    public AuthorityKey Open(AuthorityKey stored)
    {
        try
        {
            return AuthorityKey.Create(stored.KeyId, stored.Use, stored.Algorithm, _protector.Unprotect(stored.Material), stored.CreatedAt);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                $"The Authority's '{stored.Use}' key {stored.KeyId} in the store cannot be decrypted with the key ring in " +
                $"'{options.Value.KeyRingPath}' (JobEngine:Authority:KeyRingPath): give this process the key ring the deployment " +
                $"was started with (and its certificate, JobEngine:Authority:KeyRingCertificateFile, when the key ring is encrypted). " +
                $"No new key is made, since that would invalidate every token issued. ({exception.Message})", exception);
        }
    }
}
