using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Keys;

/// <summary>Reads the Authority's keys from the store, creates one on first use and rotates them.</summary>
public sealed class AuthorityKeyStore(JobEngineDbContext db, WriteGate gate, TimeProvider time)
{
    /// <summary>The advisory lock only key rotation takes, so that processes on one PostgreSQL rotate once between them.</summary>
    private const long RotationLock = 0x4A6F62456E67_02;

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

    /// <summary>
    /// Applies <paramref name="decide"/>'s changes to the keys of <paramref name="use"/> in one
    /// transaction that no other process's rotation interleaves with (an advisory lock on
    /// PostgreSQL; SQLite's single writer), and returns the keys that result, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<AuthorityKey>> RotateAsync(
        string use, Func<IReadOnlyList<AuthorityKey>, DateTimeOffset, AuthorityKeyChanges> decide, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RotationLock})", cancellationToken);
            }

            var keys = Ordered(await db.AuthorityKeys.Where(key => key.Use == use).ToListAsync(cancellationToken));
            var changes = decide(keys, time.GetUtcNow());
            db.AuthorityKeys.RemoveRange(keys.Where(key => changes.Removed.Contains(key.KeyId)));
            var result = keys.Where(key => !changes.Removed.Contains(key.KeyId)).ToList();
            if (changes.Added is { } added)
            {
                db.AuthorityKeys.Add(added);
                result.Add(added);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Ordered(result);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static List<AuthorityKey> Ordered(IEnumerable<AuthorityKey> keys) =>
        [.. keys.OrderBy(key => key.CreatedAt).ThenBy(key => key.KeyId, StringComparer.Ordinal)];

    private AuthorityKey? FindOldest(string use) =>
        Ordered(db.AuthorityKeys.AsNoTracking().Where(key => key.Use == use)).FirstOrDefault();
}
