namespace JobEngine.Infrastructure.Lockouts;

/// <summary>
/// The failed authentications of one subject (a client id or a source address) in its current
/// window, and until when the subject is locked out. Shared by every process on the store; not
/// tenant data (docs/architecture.md). Rows are written only by <see cref="AuthenticationFailureStore"/>.
/// </summary>
public sealed class AuthenticationFailure
{
    private AuthenticationFailure()
    {
    }

    /// <summary>What is counted, e.g. <c>client:acme-operator</c> or <c>address:192.0.2.7</c>.</summary>
    public string Subject { get; private set; } = "";

    /// <summary>When the first failure of the current window happened.</summary>
    public DateTimeOffset WindowStartedAt { get; private set; }

    /// <summary>Failures since <see cref="WindowStartedAt"/>.</summary>
    public int Failures { get; private set; }

    /// <summary>Set when the failures of a window reached the limit; attempts are refused until then.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }
}
