using System.Collections.Immutable;
using System.Security.Claims;
using JobEngine.Authority.TokenRequests;
using JobEngine.Core.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace JobEngine.Authority.People;

/// <summary>What a device asked for, as the verification page shows it before a person approves it.</summary>
public sealed record DeviceRequest(string? ClientId, ImmutableArray<string> Scopes, string? Tenant, string? OperatorReason, string? OperatorTicket)
{
    internal ClaimsPrincipal Principal { get; init; } = new();
}

/// <summary>
/// The verification page's access to the Authority: the device request a user code stands for, and
/// the principal a person's approval leaves on its device code. The page itself only renders.
/// </summary>
public sealed class DeviceVerification
{
    private readonly PersonSignIn _signIn;

    internal DeviceVerification(PersonSignIn signIn) => _signIn = signIn;

    /// <summary>The request behind the user code of this verification request; null when the code is unknown, used or expired.</summary>
    public static async Task<DeviceRequest?> FindAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal)
        {
            return null;
        }

        var requested = RequestedGrant.From(principal);
        requested.TryGet(WireNames.Parameters.Tenant, out var tenant, out _);
        requested.TryGet(WireNames.Parameters.OperatorReason, out var reason, out _);
        requested.TryGet(WireNames.Parameters.OperatorTicket, out var ticket, out _);
        return new DeviceRequest(principal.GetPresenters().FirstOrDefault(), [.. requested.Scopes], tenant, reason, ticket) { Principal = principal };
    }

    /// <summary>Checks the person's password under the failure limits; on success, the principal that approves <paramref name="request"/>.</summary>
    public async Task<(ClaimsPrincipal? Approval, SignInOutcome Outcome)> SignInAsync(
        DeviceRequest request, string name, string password, HttpContext http)
    {
        var outcome = await _signIn.SignInAsync(name, password, http);
        return outcome.Person is { } person ? (PersonClaims.Approve(person, request.Principal), outcome) : (null, outcome);
    }
}
