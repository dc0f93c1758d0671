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
/// The device flow's verification page: a person enters the user code their terminal shows, reads
/// what the device asked for, signs in and approves or denies it. OpenIddict has checked the user
/// code before this page runs (passthrough); antiforgery guards every post.
/// </summary>
public sealed class VerifyModel(PersonApproval approval, UpstreamSignIn upstream) : PageModel
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

    public PersonRequest? DeviceRequest { get; private set; }

    public string? Error { get; private set; }

    public UpstreamChoice Upstream { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        SignInPageHeaders.Apply(Response, await upstream.FormTargetsAsync(HttpContext));
        Upstream = await UpstreamChoice.LoadAsync(upstream, HttpContext, "/" + WireNames.Routes.Verification, [new("user_code", UserCode ?? "")]);
        await base.OnPageHandlerExecutionAsync(context, next);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrEmpty(UserCode))
        {
            return Page();
        }

        DeviceRequest = await PersonApproval.FindDeviceRequestAsync(HttpContext);
        return DeviceRequest is null ? UnknownCode() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        DeviceRequest = await PersonApproval.FindDeviceRequestAsync(HttpContext);
        if (DeviceRequest is null)
        {
            return UnknownCode();
        }

        if (Decision == Deny)
        {
            await UpstreamSignIn.ForgetAsync(HttpContext);
            return Forbid(new AuthenticationProperties { RedirectUri = VerifiedModel.Route(Deny) },
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (Decision == Approve && Upstream.Person is { } vouched)
        {
            var (approved, unapprovable) = PersonApproval.Approve(DeviceRequest, vouched);
            await UpstreamSignIn.ForgetAsync(HttpContext);
            return approved is null
                ? Refuse(StatusCodes.Status400BadRequest, unapprovable ?? "This request cannot be approved.")
                : SignIn(approved, new AuthenticationProperties { RedirectUri = VerifiedModel.Route(Approve) },
                    OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (Decision != Approve || string.IsNullOrEmpty(UserName) || string.IsNullOrEmpty(Password))
        {
            return Refuse(StatusCodes.Status400BadRequest, "Enter your user name and password, then approve or deny.");
        }

        var (signedIn, outcome) = await approval.SignInAsync(DeviceRequest, UserName, Password, HttpContext);
        Password = null;
        if (outcome.RetryAfterSeconds is { } retryAfter)
        {
            Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Refuse(StatusCodes.Status429TooManyRequests, $"Too many failed sign-ins; try again in {retryAfter} seconds.");
        }

        if (signedIn is null)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "The user name or password is wrong.");
        }

        return SignIn(signedIn, new AuthenticationProperties { RedirectUri = VerifiedModel.Route(Approve) },
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
