using JobEngine.Infrastructure.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobEngine.Authority.Keys;

/// <summary>
/// Brings the signing keys in the store up to date with <see cref="SigningKeySchedule"/> (a new
/// key when one is due, retired keys dropped once their tokens expired) and publishes the result
/// in this process's <see cref="SigningKeyRing"/>.
/// </summary>
internal sealed partial class SigningKeyRotation(
    AuthorityKeyStore store, KeyProtection protection, SigningKeyRing ring, IOptions<AuthorityOptions> options, ILogger<SigningKeyRotation> logger)
{
    /// <summary>
    /// Validators allow for clocks that disagree; .NET's token validation accepts five minutes by
    /// default, so a retired key is kept that much longer than its tokens live.
    /// </summary>
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// One rotation step; <paramref name="longestTokenLifetime"/> is the longest lifetime of any
    /// token the Authority signs, and null leaves every existing key in place.
    /// </summary>
    public async Task RotateAsync(TimeSpan? longestTokenLifetime, CancellationToken cancellationToken)
    {
        var authority = options.Value;
        var retention = Max(longestTokenLifetime ?? TimeSpan.Zero, Max(authority.AccessTokenLifetime, authority.OperatorTokenLifetime)) + ClockSkewAllowance;
        var schedule = new SigningKeySchedule(authority.SigningKeyLifetime, authority.SigningKeyPropagationTime, retention);

        var keys = await store.RotateAsync(AuthorityKey.SigningUse,
            (stored, now) => schedule.Plan(stored, now, at => protection.Seal(AuthorityKeyFactory.NewSigningKey(at)), dropExpired: longestTokenLifetime is not null),
            cancellationToken);

        var credentials = keys.Select(Open).ToList();
        var previous = ring.IsLoaded ? ring.KeyIds.ToHashSet(StringComparer.Ordinal) : null;
        ring.Publish(keys, credentials, schedule);
        if (previous is not null)
        {
            foreach (var key in keys.Where(key => !previous.Contains(key.KeyId)))
            {
                LogPublished(key.KeyId, key.CreatedAt + schedule.Propagation);
            }

            foreach (var dropped in previous.Except(keys.Select(key => key.KeyId)))
            {
                LogDropped(dropped);
            }
        }
    }

    private Microsoft.IdentityModel.Tokens.SigningCredentials Open(AuthorityKey stored)
    {
        if (ring.Find(stored.KeyId) is { } opened)
        {
            return opened;
        }

        if (KeyProtection.IsSealed(stored))
        {
            return AuthorityKeyFactory.ToSigningCredentials(protection.Open(stored));
        }

        store.Reseal(stored.KeyId, protection.Seal(stored).Material);
        LogSealed(stored.KeyId);
        return AuthorityKeyFactory.ToSigningCredentials(stored);
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key {KeyId} is published in the JWKS; it signs tokens from {SignsFrom:O}")]
    private partial void LogPublished(string keyId, DateTimeOffset signsFrom);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key {KeyId} is no longer published: every token it signed has expired")]
    private partial void LogDropped(string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Authority's signing key {KeyId} was stored in the clear; it is now encrypted with the key ring")]
    private partial void LogSealed(string keyId);
}
