using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using OpenIddict.Abstractions;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// What a token request asks for: the scopes and JobEngine's parameters (<c>tenant</c>,
/// <c>operator_reason</c>, <c>operator_ticket</c>). A client sends them with its token request; a
/// person's device asked for them at the device authorization endpoint, and its code carries them.
/// </summary>
internal sealed class RequestedGrant
{
    private readonly Func<string, (string? Value, string? Error)> _parameter;

    private RequestedGrant(IReadOnlyList<string> scopes, Func<string, (string? Value, string? Error)> parameter)
    {
        Scopes = scopes;
        _parameter = parameter;
    }

    public IReadOnlyList<string> Scopes { get; }

    public static RequestedGrant From(OpenIddictRequest request) => new(
        [.. request.GetScopes()],
        name => RequestParameters.TryGetSingle(request, name, out var value, out var error) ? (value, null) : (null, error));

    /// <summary>What a code's principal carries, stamped from the request that started it (<see cref="StampOn"/>).</summary>
    public static RequestedGrant From(ClaimsPrincipal code) => new(
        [.. code.GetScopes()],
        name => (code.GetClaim(name), null));

    /// <summary>The parameter <paramref name="name"/>, if sent once; an error if it was repeated.</summary>
    public bool TryGet(string name, out string? value, [NotNullWhen(false)] out string? error)
    {
        (value, error) = _parameter(name);
        return error is null;
    }

    /// <summary>Carries <paramref name="names"/>, as this request sent them, on a code's principal.</summary>
    public void StampOn(ClaimsIdentity code, params string[] names)
    {
        foreach (var name in names)
        {
            if (TryGet(name, out var value, out _) && value is not null)
            {
                code.SetClaim(name, value);
            }
        }
    }
}
