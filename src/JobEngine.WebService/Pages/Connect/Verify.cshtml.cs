using System.Globalization;
using JobEngine.Authority.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Server.AspNetCore;

namespace JobEngine.WebService.Pages.Connect;

/// <summary>
/// The device flow's verification page: a person enters the user code their terminal shows, reads
/// what the device asked for, signs in and approves or denies it. OpenIddict has checked the user
/// code before this page runs (passthrough); antiforgery guards every post.
/// </summary>
public sealed class VerifyModel(DeviceVerification verification) : PageModel
{
    public const string Approve = "approve";
    public const string Deny = "deny";

    [BindProperty(SupportsGet = true, Name = "user_code")]
    public string? UserCode { get; set; }

    [BindProperty(Name = "username")]
    public string? UserName { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [BindProperty(Name = "decision")]
    public string? Decision { get; set; }

    public DeviceRequest? DeviceRequest { get; private set; }

    public string? Error { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        // A password page is never framed (clickjacking) nor cached.
        Response.Headers.XFrameOptions = "DENY";
        Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
        Response.Headers.CacheControl = "no-store";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrEmpty(UserCode))
        {
            return Page();
        }

        DeviceRequest = await DeviceVerification.FindAsync(HttpContext);
        return DeviceRequest is null ? UnknownCode() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        DeviceRequest = await DeviceVerification.FindAsync(HttpContext);
        if (DeviceRequest is null)
        {
            return UnknownCode();
        }

        if (Decision == Deny)
        {
            return Forbid(new AuthenticationProperties { RedirectUri = VerifiedModel.Route(Deny) },
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (Decision != Approve || string.IsNullOrEmpty(UserName) || string.IsNullOrEmpty(Password))
        {
            return Refuse(StatusCodes.Status400BadRequest, "Enter your user name and password, then approve or deny.");
        }

        var (approval, outcome) = await verification.SignInAsync(DeviceRequest, UserName, Password, HttpContext);
        Password = null;
        if (outcome.RetryAfterSeconds is { } retryAfter)
        {
            Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Refuse(StatusCodes.Status429TooManyRequests, $"Too many failed sign-ins; try again in {retryAfter} seconds.");
        }

        if (approval is null)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "The user name or password is wrong.");
        }

        return SignIn(approval, new AuthenticationProperties { RedirectUri = VerifiedModel.Route(Approve) },
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private PageResult UnknownCode()
    {
        UserCode = null;
        return Refuse(StatusCodes.Status400BadRequest, "This code is unknown, expired or already used. Check it, or start again from your terminal.");
    }

    private PageResult Refuse(int status, string error)
    {
        Error = error;
        var page = Page();
        page.StatusCode = status;
        return page;
    }
}
