using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;

namespace JobEngine.WebService.Security;

/// <summary>
/// Remembers, in memory only, the tickets of access tokens that passed full validation, keyed by
/// the SHA-256 of the whole token: a worker or operator that sends the same token again skips the
/// signature check and OpenIddict's validation pipeline, which cost several times the rest of a
/// small request (docs/benchmarks.md). Only successes are remembered, never past the token's own
/// <c>exp</c> and never longer than <see cref="MaxLifetime"/>, so a signing key withdrawn from the
/// Authority stops being honoured within that time. Bounded by <see cref="Capacity"/>.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider time)
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public AuthenticationTicket? Find(string token)
    {
        var key = KeyFor(token);
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Expires > time.GetUtcNow())
        {
            return entry.Ticket;
        }

        _entries.TryRemove(key, out _);
        return null;
    }

    public void Add(string token, AuthenticationTicket ticket)
    {
        if (ticket.Principal.GetExpirationDate() is not { } expiresAt)
        {
            return;
        }

        var now = time.GetUtcNow();
        var expires = expiresAt < now + MaxLifetime ? expiresAt : now + MaxLifetime;
        if (expires <= now)
        {
            return;
        }

        if (_entries.Count >= Capacity)
        {
            // Bounded: start over rather than grow; the next requests pay full validation once each.
            _entries.Clear();
        }

        _entries[KeyFor(token)] = new Entry(ticket, expires);
    }

    private static string KeyFor(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset Expires);
}
