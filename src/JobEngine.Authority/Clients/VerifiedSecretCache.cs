using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace JobEngine.Authority.Clients;

/// <summary>
/// Remembers, for a few minutes and in memory only, which (client, stored secret hash, presented
/// secret) triples already passed the slow PBKDF2 check, so a busy client does not pay it on every
/// token request. Entries are keyed by an HMAC under a random key that lives and dies with the
/// process: nothing here helps anyone guess a secret, failures are never remembered (guessing stays
/// as slow as ever), and rotating a secret changes its stored hash, which misses the cache.
/// </summary>
internal sealed class VerifiedSecretCache(TimeProvider time)
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);

    public string KeyFor(string? clientId, string? storedHash, string presentedSecret) =>
        Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{clientId}\0{storedHash}\0{presentedSecret}")));

    public bool Contains(string key) =>
        _verified.TryGetValue(key, out var expires) && expires > time.GetUtcNow();

    public void Add(string key)
    {
        if (_verified.Count >= Capacity)
        {
            // Bounded: start over rather than grow; the next requests pay PBKDF2 once each.
            _verified.Clear();
        }

        _verified[key] = time.GetUtcNow() + Lifetime;
    }
}
