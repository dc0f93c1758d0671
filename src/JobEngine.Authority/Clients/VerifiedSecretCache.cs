using System.Security.Cryptography;
using System.Text;
using JobEngine.Infrastructure.Caching;

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
    private readonly ExpiringMap<string, bool> _verified = new(time, Capacity);

    public string KeyFor(string? clientId, string? storedHash, string presentedSecret) =>
        Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{clientId}\0{storedHash}\0{presentedSecret}")));

    public bool Contains(string key) => _verified.TryGet(key, out _);

    public void Add(string key) => _verified.Set(key, true, _verified.Now + Lifetime);
}
