using System.Globalization;
using System.Security.Claims;
using JobEngine.Core.Protocol;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JobEngine.WebService.Console;

/// <summary>
/// The console's session principal, read from the access token the Authority just issued to it at
/// its token endpoint (over the back channel, so the console trusts what it reads; the API checks
/// the token's signature on every call anyway). The session lasts as long as the token.
/// </summary>
internal static class ConsoleClaims
{
    public const string Role = "role";
    public const string ExpiresAt = "jobengine_console_expires_at";

    private static readonly string[] Copied =
    [
        WireNames.Claims.Subject, WireNames.Claims.ActorType, WireNames.Claims.Tenant,
        WireNames.Claims.OperatorReason, WireNames.Claims.OperatorTicket, WireNames.Claims.OperatorReasonCode,
        WireNames.Claims.OperatorTicketSystem,
    ];

    public static ClaimsPrincipal FromAccessToken(string accessToken, string authenticationType)
    {
        var token = new JsonWebToken(accessToken);
        var identity = new ClaimsIdentity(authenticationType, WireNames.Claims.Subject, Role);
        foreach (var type in Copied)
        {
            if (token.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrEmpty(value))
            {
                identity.AddClaim(new Claim(type, value));
            }
        }

        if (token.TryGetPayloadValue<string>(WireNames.Claims.Scope, out var scopes))
        {
            foreach (var scope in scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                identity.AddClaim(new Claim(WireNames.Claims.Scope, scope));
            }
        }

        foreach (var role in token.Claims.Where(claim => claim.Type == Role))
        {
            identity.AddClaim(new Claim(Role, role.Value));
        }

        identity.AddClaim(new Claim(ExpiresAt, new DateTimeOffset(token.ValidTo, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(identity);
    }
}
