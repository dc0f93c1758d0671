using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Keys;

/// <summary>Reads the Authority's keys from the store and creates one on first use.</summary>
public sealed class AuthorityKeyStore(JobEngineDbContext db, TimeProvider time)
{
    /// <summary>
    /// Returns the oldest stored key for <paramref name="use"/>, creating one with
    /// <paramref name="generate"/> when none exists. Two processes racing on an empty store
    /// both insert; each then reads back the oldest, so both end up with the same key.
    /// </summary>
    public AuthorityKey GetOrCreate(string use, Func<DateTimeOffset, AuthorityKey> generate)
    {
        var existing = FindOldest(use);
        if (existing is not null)
        {
            return existing;
        }

        db.AuthorityKeys.Add(generate(time.GetUtcNow()));
        db.SaveChanges();
        db.ChangeTracker.Clear();
        return FindOldest(use) ?? throw new InvalidOperationException($"The '{use}' key could not be stored.");
    }

    /// <summary>Stores <paramref name="material"/> in place of the key's current material.</summary>
    public void Reseal(string keyId, byte[] material)
    {
        var key = db.AuthorityKeys.Single(stored => stored.KeyId == keyId);
        key.Reseal(material);
        db.SaveChanges();
        db.ChangeTracker.Clear();
    }

    private AuthorityKey? FindOldest(string use) =>
        db.AuthorityKeys.AsNoTracking()
            .Where(key => key.Use == use)
            .AsEnumerable()
            .OrderBy(key => key.CreatedAt)
            .ThenBy(key => key.KeyId, StringComparer.Ordinal)
            .FirstOrDefault();
}
