using System.Globalization;
using JobEngine.Authority.People;
using JobEngine.Authority.Upstream;
using JobEngine.Core.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Server.AspNetCore;

namespace JobEngine.WebService.Pages.Connect;

/// <summary>
/// The console's sign-in page (authorization code grant): OpenIddict has validated the request
/// (client, exact redirect URI, PKCE S256, state, nonce, operator parameters) before this page
/// runs. The person signs in and approves, and OpenIddict redirects back with the code; consent is
/// implicit for the built-in console, so approving is signing in. Antiforgery guards every post.
/// </summary>
public sealed class AuthorizeModel(PersonApproval approval, UpstreamSignIn upstream) : PageModel
{
    /// <summary>The page's own fields, which are not the authorization request's parameters.</summary>
    public static readonly IReadOnlySet<string> PageFields =
        new HashSet<string>(["username", "password", "decision", "__RequestVerificationToken"], StringComparer.Ordinal);

    [BindProperty(Name = "username")]
    public string? UserName { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [BindProperty(Name = "decision")]
    public string? Decision { get; set; }

    public PersonRequest? PersonRequest { get; private set; }

    /// <summary>The authorization request's parameters, posted back with the form.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequestParameters { get; private set; } = [];

    public string? Error { get; private set; }

    public UpstreamChoice Upstream { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        PersonRequest = PersonApproval.FindAuthorizationRequest(HttpContext);
        SignInPageHeaders.Apply(Response, [PersonRequest?.RedirectUri, .. await upstream.FormTargetsAsync(HttpContext)]);
        var source = Request.HasFormContentType ? Request.Form.Select(field => (field.Key, field.Value)) : Request.Query.Select(field => (field.Key, field.Value));
        RequestParameters = [.. source
            .Where(field => !PageFields.Contains(field.Key))
            .SelectMany(field => field.Value.Select(value => new KeyValuePair<string, string>(field.Key, value ?? "")))];
        Upstream = await UpstreamChoice.LoadAsync(upstream, HttpContext, "/" + WireNames.Routes.Authorization, RequestParameters);
        await base.OnPageHandlerExecutionAsync(context, next);
    }

    public IActionResult OnGet() => PersonRequest is null ? BadRequest() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (PersonRequest is null)
        {
            return BadRequest();
        }

        if (Decision == VerifyModel.Deny)
        {
            await UpstreamSignIn.ForgetAsync(HttpContext);
            return Forbid(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (Decision == VerifyModel.Approve && Upstream.Person is { } vouched)
        {
            var (approved, unapprovable) = PersonApproval.Approve(PersonRequest, vouched);
            await UpstreamSignIn.ForgetAsync(HttpContext);
            return approved is null
                ? Unapprovable(unapprovable!)
                : SignIn(approved, new AuthenticationProperties(), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (Decision != VerifyModel.Approve || string.IsNullOrEmpty(UserName) || string.IsNullOrEmpty(Password))
        {
            return Refuse(StatusCodes.Status400BadRequest, "Enter your user name and password, then approve or deny.");
        }

        var (signedIn, outcome) = await approval.SignInAsync(PersonRequest, UserName, Password, HttpContext);
        Password = null;
        if (outcome.RetryAfterSeconds is { } retryAfter)
        {
            Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Refuse(StatusCodes.Status429TooManyRequests, $"Too many failed sign-ins; try again in {retryAfter} seconds.");
        }

        if (outcome.Unapprovable is { } refusal)
        {
            return Unapprovable(refusal);
        }

        return signedIn is null
            ? Refuse(StatusCodes.Status401Unauthorized, "The user name or password is wrong.")
            : SignIn(signedIn, new AuthenticationProperties(), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>A person who signed in but cannot approve this request (a tenant they may not act for, or none named).</summary>
    private PageResult Unapprovable(string refusal) =>
        Refuse(StatusCodes.Status400BadRequest, $"{refusal} Sign in again from the console, naming the tenant.");

    private PageResult Refuse(int status, string error)
    {
        Error = error;
        var page = Page();
        page.StatusCode = status;
        return page;
    }
}
