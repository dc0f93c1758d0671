using JobEngine.Authority.Extensions;
using JobEngine.WebService.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.WebService.Pages.Console;

/// <summary>
/// Where the Authority sends the person back: OpenIddict's client checks the state token and this
/// browser's request forgery cookie, redeems the code with the PKCE verifier, and the access token
/// becomes the console session. A refusal (wrong tenant, a malformed ticket, a denied sign-in) is shown as the Authority worded it.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class CallbackModel : PageModel
{
    public string? Error { get; private set; }

    public string? ErrorDescription { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => ConsoleHeaders.Apply(HttpContext);

    public Task<IActionResult> OnGetAsync() => CompleteAsync();

    public Task<IActionResult> OnPostAsync() => CompleteAsync();

    private async Task<IActionResult> CompleteAsync()
    {
        var result = await HttpContext.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        var accessToken = result.Properties?.GetTokenValue(OpenIddictClientAspNetCoreConstants.Tokens.BackchannelAccessToken);
        var console = result.Principal?.FindFirst(Claims.Private.RegistrationId)?.Value == ConsoleAuthentication.RegistrationId;
        if (!result.Succeeded || accessToken is null || !console)
        {
            var (error, description) = result.SignInFailure();
            Error = error ?? "sign_in_failed";
            ErrorDescription = description ?? "The sign-in did not complete.";
            var page = Page();
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        var session = ConsoleClaims.FromAccessToken(accessToken, ConsoleAuthentication.Scheme);
        var properties = new AuthenticationProperties
        {
            ExpiresUtc = DateTimeOffset.Parse(session.FindFirst(ConsoleClaims.ExpiresAt)!.Value, System.Globalization.CultureInfo.InvariantCulture),
            IsPersistent = false,
        };
        properties.StoreTokens([new AuthenticationToken { Name = ConsoleApi.AccessTokenName, Value = accessToken }]);
        await HttpContext.SignInAsync(ConsoleAuthentication.Scheme, session, properties);
        var returnUrl = result.Properties!.RedirectUri;
        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/console");
    }
}
