using JobEngine.Authority.Upstream;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JobEngine.WebService.Pages.Connect;

/// <summary>
/// Where an upstream provider sends the person back: OpenIddict's client checks the state token and this
/// browser's request forgery cookie and redeems the code; the person it vouches for is kept for the sign-in
/// page they started from, where they approve. A refusal is shown here, in the provider's or our words.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UpstreamCallbackModel(UpstreamSignIn upstream) : PageModel
{
    public string? Error { get; private set; }

    public string? ReturnUrl { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => SignInPageHeaders.Apply(Response);

    public Task<IActionResult> OnGetAsync() => ReturnAsync();

    public Task<IActionResult> OnPostAsync() => ReturnAsync();

    private async Task<IActionResult> ReturnAsync()
    {
        var (returnUrl, refusal) = await upstream.ReturnAsync(HttpContext);
        if (refusal is null)
        {
            return LocalRedirect(returnUrl ?? "/");
        }

        (Error, ReturnUrl) = (refusal, returnUrl);
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}
