using JobEngine.Infrastructure.Caching;
using OpenIddict.EntityFrameworkCore.Models;

namespace JobEngine.Authority.Clients;

/// <summary>
/// Keeps client registrations in memory for <see cref="Lifetime"/>, so a token request does not
/// query the store for its client each time (OpenIddict's own cache lives for one request; the
/// query was ≈ 12 % of the token endpoint's CPU, docs/benchmarks.md). Registrations change only
/// when an Authority bootstraps its configured clients at start-up; another process's change is
/// seen here within <see cref="Lifetime"/>. Unknown clients are never remembered.
/// </summary>
internal sealed class ClientRegistrationCache(TimeProvider time)
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ExpiringMap<string, OpenIddictEntityFrameworkCoreApplication> _registrations = new(time, Capacity);

    public OpenIddictEntityFrameworkCoreApplication? Find(string clientId) =>
        _registrations.TryGet(clientId, out var application) ? application : null;

    public void Add(string clientId, OpenIddictEntityFrameworkCoreApplication application) =>
        _registrations.Set(clientId, application, _registrations.Now + Lifetime);

    public void Forget(string clientId) => _registrations.Remove(clientId);
}
