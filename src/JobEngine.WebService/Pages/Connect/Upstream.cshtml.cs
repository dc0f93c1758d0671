using JobEngine.Authority.Upstream;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Client.AspNetCore;

namespace JobEngine.WebService.Pages.Connect;

/// <summary>
/// A sign-in page's "Sign in with …" button: sends the person to that upstream provider (OpenIddict's
/// client makes the authorization request, with PKCE, state and nonce), to come back to the page they
/// started from. Only a post from this Authority's own pages (antiforgery) and only back to a sign-in page.
/// </summary>
public sealed class UpstreamModel(UpstreamSignIn upstream) : PageModel
{
    public string? Error { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => SignInPageHeaders.Apply(Response);

    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost(string name, string? returnUrl)
    {
        if (upstream.Leave(name, returnUrl) is { } properties)
        {
            return Challenge(properties, OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        }

        Error = upstream.Providers.Contains(name, StringComparer.Ordinal)
            ? "Start from the sign-in page you were sent to: it is where the provider brings you back."
            : $"There is no provider '{name}' here.";
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}
