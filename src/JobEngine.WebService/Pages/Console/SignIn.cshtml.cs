using System.Security.Cryptography;
using JobEngine.Core.Protocol;
using JobEngine.WebService.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.WebService.Pages.Console;

/// <summary>
/// Starts a sign-in at the Authority (authorization code grant with PKCE). A person who belongs to
/// several tenants names the one to work in; switching tenant is signing in again.
/// </summary>
public sealed class SignInModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tenant")]
    public string? Tenant { get; set; }

    [BindProperty(SupportsGet = true, Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => ConsoleHeaders.Apply(HttpContext);

    public void OnGet()
    {
    }

    public IActionResult OnPost() => Challenge(
        SignInRequest.Properties(ConsoleLinks.ConsolePageOr(Url, ReturnUrl, "/console"), ConsoleAuthentication.SignInScopes, Tenant),
        OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);

}

/// <summary>The authorization request the console sends: its scopes, the tenant, and for an operator the reason and ticket.</summary>
internal static class SignInRequest
{
    public static AuthenticationProperties Properties(
        string returnUrl, IEnumerable<string> scopes, string? tenant, string? operatorReason = null, string? operatorTicket = null,
        string? operatorReasonCode = null)
    {
        var properties = new AuthenticationProperties { RedirectUri = returnUrl };
        properties.Items[OpenIddictClientAspNetCoreConstants.Properties.RegistrationId] = ConsoleAuthentication.RegistrationId;
        properties.Items[OpenIddictClientAspNetCoreConstants.Properties.Scope] = string.Join(' ', scopes);

        // The Authority requires a nonce on every authorization request. No identity token returns it here (the
        // console asks for no 'openid'); PKCE and the state token bind the code to this browser's request.
        properties.Parameters[Parameters.Nonce] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        Add(properties, WireNames.Parameters.Tenant, tenant);
        Add(properties, WireNames.Parameters.OperatorReason, operatorReason);
        Add(properties, WireNames.Parameters.OperatorTicket, operatorTicket);
        Add(properties, WireNames.Parameters.OperatorReasonCode, operatorReasonCode);
        return properties;
    }

    private static void Add(AuthenticationProperties properties, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            properties.Parameters[name] = value.Trim();
        }
    }
}
