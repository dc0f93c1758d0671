using JobEngine.Core.Security;
using JobEngine.WebService.Console;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Client.AspNetCore;

namespace JobEngine.WebService.Pages.Console;

/// <summary>
/// Acting as an operator: the person gives a reason and a change ticket and signs in again for a
/// token carrying <c>orch:operate</c> with both stamped in (short-lived, like every operator token).
/// The Authority validates them, exactly as for any operator token.
/// </summary>
public sealed class ElevateModel : ConsolePage
{
    [BindProperty(SupportsGet = true, Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    [BindProperty(Name = "ticket")]
    public string? Ticket { get; set; }

    [BindProperty(Name = "reasonCode")]
    public string? ReasonCode { get; set; }

    public IActionResult OnGet() => Page();

    public IActionResult OnPost()
    {
        if (string.IsNullOrWhiteSpace(Reason) || string.IsNullOrWhiteSpace(Ticket))
        {
            return Refuse(new ConsoleProblem(StatusCodes.Status400BadRequest, "Reason and ticket needed",
                "Give the reason for acting and the change ticket it is done under."));
        }

        var scopes = Person.Scopes.Append(OrchestratorScopes.Operate).Distinct(StringComparer.Ordinal);
        return Challenge(SignInRequest.Properties(ConsoleLinks.ConsolePageOr(Url, ReturnUrl, "/console/jobs"), scopes, Person.Tenant, Reason, Ticket, ReasonCode),
            OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
    }
}
