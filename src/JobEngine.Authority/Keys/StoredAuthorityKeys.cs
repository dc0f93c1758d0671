using JobEngine.Infrastructure.Keys;
using Microsoft.Extensions.Logging;

namespace JobEngine.Authority.Keys;

/// <summary>
/// The Authority's keys as every process on the store shares them: created sealed on first use,
/// opened on load, and a key an earlier version stored in the clear sealed in place.
/// </summary>
internal sealed partial class StoredAuthorityKeys(AuthorityKeyStore store, KeyProtection protection, ILogger<StoredAuthorityKeys> logger)
{
    public AuthorityKey GetOrCreate(string use, Func<DateTimeOffset, AuthorityKey> generate)
    {
        var stored = store.GetOrCreate(use, now => protection.Seal(generate(now)));
        if (KeyProtection.IsSealed(stored))
        {
            return protection.Open(stored);
        }

        store.Reseal(stored.KeyId, protection.Seal(stored).Material);
        LogSealed(stored.Use, stored.KeyId);
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Authority's '{Use}' key {KeyId} was stored in the clear; it is now encrypted with the key ring")]
    private partial void LogSealed(string use, string keyId);
}
