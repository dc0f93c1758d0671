using JobEngine.WebService.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JobEngine.WebService.Pages.Console;

/// <summary>Ends the console session (a post, with its antiforgery token); the token it held expires on its own.</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Console/Trail");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuthentication.Scheme);
        return RedirectToPage("/Console/SignIn");
    }
}
