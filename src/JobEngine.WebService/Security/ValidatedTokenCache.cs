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
/// Authority stops being honoured within that time. Bounded by the estimated bytes the tickets
/// hold (<see cref="MaxBytes"/>), not by their count: a token can carry many claims.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider time)
{
    public const long MaxBytes = 32L * 1024 * 1024;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private readonly ExpiringMap<string, AuthenticationTicket> _tickets = new(time, MaxBytes, EstimatedBytes);

    public int Count => _tickets.Count;

    /// <summary>The estimated bytes the remembered tickets hold.</summary>
    public long Bytes => _tickets.Weight;

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

    /// <summary>
    /// What a ticket keeps alive, estimated from its strings (UTF-16) plus a fixed cost per object;
    /// the point is a bound that grows with what a token carries, not an exact count.
    /// </summary>
    internal static long EstimatedBytes(AuthenticationTicket ticket)
    {
        const int PerEntry = 512;
        const int PerClaim = 160;
        const int PerItem = 96;
        long bytes = PerEntry;
        foreach (var claim in ticket.Principal.Claims)
        {
            bytes += PerClaim + (2L * (claim.Type.Length + claim.Value.Length + claim.ValueType.Length + claim.Issuer.Length));
        }

        foreach (var (key, value) in ticket.Properties.Items)
        {
            bytes += PerItem + (2L * (key.Length + (value?.Length ?? 0)));
        }

        return bytes;
    }

    private static string KeyFor(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
