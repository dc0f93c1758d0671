using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenIddict.Validation.AspNetCore;

namespace JobEngine.WebService.Security;

/// <summary>
/// The API's authentication scheme: a bearer token seen before and still fresh in
/// <see cref="ValidatedTokenCache"/> is accepted from there; everything else goes through
/// OpenIddict's validation unchanged, whose successes are then remembered. Failures, challenges
/// and forbids are OpenIddict's own (forwarded), so clients see the same errors either way.
/// </summary>
internal sealed class CachedBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ValidatedTokenCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "JobEngineBearer";

    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken();
        if (token is not null && cache.Find(token) is { } known)
        {
            // Each request gets its own copy: nothing one request does to its principal reaches another.
            return AuthenticateResult.Success(new AuthenticationTicket(known.Principal.Clone(), known.Properties.Clone(), Scheme.Name));
        }

        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return result;
        }

        if (token is not null)
        {
            cache.Add(token, new AuthenticationTicket(result.Principal.Clone(), result.Properties.Clone(), Scheme.Name));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(result.Principal, result.Properties, Scheme.Name));
    }

    /// <summary>The token of a single <c>Authorization: Bearer</c> header; anything else is left to OpenIddict.</summary>
    private string? BearerToken()
    {
        var headers = Request.Headers[HeaderNames.Authorization];
        if (headers.Count != 1 || headers[0] is not { } header
            || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[BearerPrefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
