using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JobEngine.WebService.Pages.Connect;

/// <summary>Where the verification page sends a person once their decision is recorded.</summary>
public sealed class VerifiedModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "outcome")]
    public string? Outcome { get; set; }

    public static string Route(string outcome) => $"/connect/verified?outcome={outcome}";

    public void OnGet() => Response.Headers.CacheControl = "no-store";
}
