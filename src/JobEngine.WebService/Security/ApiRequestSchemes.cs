using JobEngine.Core.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Client.AspNetCore;
using OpenIddict.Server.AspNetCore;

namespace JobEngine.WebService.Security;

/// <summary>
/// The authentication middleware asks every request handler whether a request is its own before the
/// endpoint runs. OpenIddict's server and client answer that for every request by working out which
/// of their endpoints it is, a large share of an API request's CPU (docs/benchmarks.md), though none
/// of their endpoints or redirection URIs lies under <c>/api</c>: those two are not asked on the API's
/// paths. OpenIddict's validation still is, because it opens the transaction that checking a token needs.
/// </summary>
internal sealed class ApiRequestSchemes(IOptions<AuthenticationOptions> options, IHttpContextAccessor http)
    : AuthenticationSchemeProvider(options)
{
    private static readonly PathString Api = WireNames.Routes.Api;

    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var schemes = await base.GetRequestHandlerSchemesAsync();
        return http.HttpContext?.Request.Path.StartsWithSegments(Api) == true
            ? schemes.Where(scheme => !IsProtocolEndpointHandler(scheme.Name))
            : schemes;
    }

    public static bool IsProtocolEndpointHandler(string scheme) =>
        scheme is OpenIddictServerAspNetCoreDefaults.AuthenticationScheme or OpenIddictClientAspNetCoreDefaults.AuthenticationScheme;
}
