using OpenIddict.Server;

namespace JobEngine.Authority.TokenRequests;

/// <summary>That a token request was refused for a lockout, and how many seconds the caller should wait.</summary>
internal sealed record LockoutRefusal(int RetryAfterSeconds)
{
    private const string PropertyName = "jobengine:lockout-refusal";

    public void AttachTo(OpenIddictServerTransaction transaction) => transaction.SetProperty(PropertyName, this);

    public static LockoutRefusal? Find(OpenIddictServerTransaction transaction) =>
        transaction.GetProperty<LockoutRefusal>(PropertyName);
}
