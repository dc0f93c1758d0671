using JobEngine.Authority.Lockouts;
using Microsoft.AspNetCore.Http;

namespace JobEngine.Authority.People;

/// <summary>
/// The answer to a sign-in: the person, a refusal, a lockout with the seconds to wait, or, for a person whose
/// password was right, why the request cannot be approved for them (<see cref="Unapprovable"/>).
/// </summary>
public sealed record SignInOutcome(Person? Person, int? RetryAfterSeconds, string? Unapprovable = null)
{
    public static readonly SignInOutcome Refused = new(null, null);
}

/// <summary>
/// Signs a local user in on the sign-in page, under the token endpoint's failure limits: per user
/// name and per source address (<see cref="FailureLimiter"/>); a locked-out name or address is
/// refused without its password being checked. The password is never logged or kept.
/// </summary>
internal sealed class PersonSignIn(LocalUserDirectory users, FailureLimiter limiter, LockoutLedger lockouts, TimeProvider time)
{
    public async Task<SignInOutcome> SignInAsync(string name, string password, HttpContext http)
    {
        var subjects = new List<FailureSubject> { FailureSubject.User(name) };
        if (http.Connection.RemoteIpAddress is { } address)
        {
            subjects.Add(FailureSubject.Address(address));
        }

        if (await limiter.FindLockoutAsync(subjects, http.RequestAborted) is { } lockout)
        {
            return new SignInOutcome(null, lockout.RetryAfterSeconds(time.GetUtcNow()));
        }

        if (users.Verify(name, password) is { } person)
        {
            return new SignInOutcome(person, null);
        }

        foreach (var started in await limiter.CountFailureAsync(subjects))
        {
            // Not awaited: the answer must not take longer when the name is a user's.
            _ = lockouts.RecordAsync(started, RequestMetadataReader.From(http));
        }

        return SignInOutcome.Refused;
    }
}
