using System.Security.Cryptography;
using System.Text;
using JobEngine.Infrastructure.Caching;
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

    private readonly ExpiringMap<string, AuthenticationTicket> _tickets = new(time, Capacity);

    public int Count => _tickets.Count;

    public AuthenticationTicket? Find(string token) => _tickets.TryGet(KeyFor(token), out var ticket) ? ticket : null;

    public void Add(string token, AuthenticationTicket ticket)
    {
        if (ticket.Principal.GetExpirationDate() is not { } expiresAt)
        {
            return;
        }

        var now = _tickets.Now;
        var expires = expiresAt < now + MaxLifetime ? expiresAt : now + MaxLifetime;
        if (expires > now)
        {
            _tickets.Set(KeyFor(token), ticket, expires);
        }
    }

    private static string KeyFor(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
