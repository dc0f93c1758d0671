using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JobEngine.Authority.People;

/// <summary>
/// Checks local users' passwords. A name nobody has is checked against a decoy hash, so an unknown
/// name costs what a wrong password costs and names cannot be told apart by the answer's time.
/// </summary>
internal sealed class LocalUserDirectory(IOptionsMonitor<LocalUsersOptions> options)
{
    private readonly PasswordHasher<LocalUser> _hasher = new();
    private readonly Lazy<string> _decoyHash = new(() =>
        new PasswordHasher<LocalUser>().HashPassword(new LocalUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public Person? Find(string name) =>
        options.CurrentValue.Users.FirstOrDefault(user => string.Equals(user.Name, name, StringComparison.Ordinal)) is { } user
            ? PersonOf(user)
            : null;

    /// <summary>The person <paramref name="name"/> names if <paramref name="password"/> is theirs, else null.</summary>
    public Person? Verify(string name, string password)
    {
        var user = options.CurrentValue.Users.FirstOrDefault(user => string.Equals(user.Name, name, StringComparison.Ordinal));
        var result = _hasher.VerifyHashedPassword(user ?? new LocalUser(), user?.PasswordHash ?? _decoyHash.Value, password);
        return user is not null && result != PasswordVerificationResult.Failed ? PersonOf(user) : null;
    }

    private static Person PersonOf(LocalUser user) =>
        new(user.Name, [.. user.Roles.Distinct(StringComparer.Ordinal)], [.. user.Tenants.Distinct(StringComparer.Ordinal)]);
}
