using System.Collections.Immutable;
using System.Security.Claims;
using JobEngine.Authority.RelyingParties;
using JobEngine.Authority.TokenRequests;
using JobEngine.Core.Protocol;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace JobEngine.Authority.People;

/// <summary>What a public client asks a person to approve, as the sign-in pages show it.</summary>
public sealed record PersonRequest(string? ClientId, ImmutableArray<string> Scopes, string? Tenant, string? OperatorReason, string? OperatorTicket)
{
    internal RequestedGrant Requested { get; init; } = null!;

    /// <summary>
    /// Whether this is an authorization request (the console's). The person is then granted the requested scopes
    /// their roles allow rather than refused for the others, since the console asks everyone for what it can show;
    /// and a tenant they cannot act for is refused on the sign-in page, since the console's client only learns
    /// that the token endpoint refused, not why.
    /// </summary>
    internal bool IsAuthorizationRequest { get; init; }

    /// <summary>
    /// Whether a relying party asks who the person is (<see cref="IdentityScopes"/>): its ID token lists every
    /// tenant of theirs, so no tenant is chosen.
    /// </summary>
    public bool IsIdentityRequest => IdentityScopes.AreOnly(Scopes);

    /// <summary>Where an authorization request's answer goes: its redirect URI, which OpenIddict matched exactly against the client's registration.</summary>
    public Uri? RedirectUri { get; init; }

    internal static PersonRequest Of(string? clientId, RequestedGrant requested)
    {
        requested.TryGet(WireNames.Parameters.Tenant, out var tenant, out _);
        requested.TryGet(WireNames.Parameters.OperatorReason, out var reason, out _);
        requested.TryGet(WireNames.Parameters.OperatorTicket, out var ticket, out _);
        return new PersonRequest(clientId, [.. requested.Scopes], tenant, reason, ticket) { Requested = requested };
    }
}

/// <summary>
/// The sign-in pages' access to the Authority: the request a person is asked to approve (a device's,
/// behind its user code, or the console's authorization request), and the principal their approval
/// hands to OpenIddict. The pages themselves only render.
/// </summary>
public sealed class PersonApproval
{
    private readonly PersonSignIn _signIn;

    internal PersonApproval(PersonSignIn signIn) => _signIn = signIn;

    /// <summary>The device request behind the user code of this verification request; null when the code is unknown, used or expired.</summary>
    public static async Task<PersonRequest?> FindDeviceRequestAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return result.Principal is { } userCode
            ? PersonRequest.Of(userCode.GetPresenters().FirstOrDefault(), RequestedGrant.From(userCode))
            : null;
    }

    /// <summary>The authorization request OpenIddict validated for this page.</summary>
    public static PersonRequest? FindAuthorizationRequest(HttpContext http) =>
        http.GetOpenIddictServerRequest() is { } request
            ? PersonRequest.Of(request.ClientId, RequestedGrant.From(request)) with
            {
                IsAuthorizationRequest = true,
                RedirectUri = Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var redirect) ? redirect : null,
            }
            : null;

    /// <summary>Checks the person's password under the failure limits; on success, the principal that approves <paramref name="request"/>.</summary>
    public async Task<(ClaimsPrincipal? Approval, SignInOutcome Outcome)> SignInAsync(
        PersonRequest request, string name, string password, HttpContext http)
    {
        var outcome = await _signIn.SignInAsync(name, password, http);
        if (outcome.Person is not { } person)
        {
            return (null, outcome);
        }

        var (approval, refusal) = Approve(request, person);
        return (approval, refusal is null ? outcome : outcome with { Unapprovable = refusal });
    }

    /// <summary>
    /// The principal with which <paramref name="person"/>, already signed in (their password checked, or an upstream
    /// provider vouching for them), approves <paramref name="request"/>; or why they cannot.
    /// </summary>
    public static (ClaimsPrincipal? Approval, string? Refusal) Approve(PersonRequest request, Person person)
    {
        var (_, refusal) = request.IsAuthorizationRequest && !request.IsIdentityRequest ? TenantSelection.Choose(Grantee.Of(person), request.Tenant) : default;
        return refusal is null ? (PersonClaims.Approve(person, request.Requested, request.IsAuthorizationRequest), null) : (null, refusal);
    }
}
