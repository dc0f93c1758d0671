using JobEngine.Client;
using JobEngine.Core.Security;
using JobEngine.WebService.Console;
using Microsoft.AspNetCore.Mvc;

namespace JobEngine.WebService.Pages.Console;

/// <summary>
/// One job, and for a person whose token carries <c>orch:operate</c> its cancel and retry: the
/// action is confirmed on a page that shows the reason and ticket it will be recorded under, then
/// posted (with its antiforgery token) to the API with the person's own token.
/// </summary>
public sealed class JobModel : ConsolePage
{
    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(["cancel", "retry"], StringComparer.Ordinal);

    public Job? Job { get; private set; }

    /// <summary>The action the person asked to confirm (<c>?confirm=cancel</c>), if any.</summary>
    [BindProperty(SupportsGet = true, Name = "confirm")]
    public string? Confirm { get; set; }

    [BindProperty(Name = "comment")]
    public string? Comment { get; set; }

    public string? Done { get; private set; }

    /// <summary>The approval request an approval policy turned the action into, instead of running it.</summary>
    public ApprovalRequest? Held { get; private set; }

    public bool CanOperate => Person.Can(OrchestratorScopes.Operate);

    public async Task<IActionResult> OnGetAsync(Guid jobId, CancellationToken cancellationToken)
    {
        if (!Person.Can(OrchestratorScopes.Read))
        {
            return Refuse(ConsoleProblems.MissingRead(Person));
        }

        if (Confirm is not null && !Actions.Contains(Confirm))
        {
            Confirm = null;
        }

        Job = await Api.GetJobAsync(jobId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid jobId, string action, CancellationToken cancellationToken)
    {
        if (!Actions.Contains(action))
        {
            return Refuse(new ConsoleProblem(StatusCodes.Status400BadRequest, "Unknown action", "The action must be cancel or retry."));
        }

        var comment = string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim();
        try
        {
            Job = action == "cancel"
                ? await Api.CancelJobAsync(jobId, comment, cancellationToken)
                : await Api.RetryJobAsync(jobId, comment, cancellationToken);
            Done = action == "cancel" ? "Canceled" : "Retried";
        }
        catch (ApprovalRequiredException held)
        {
            Held = held.Request;
            Job = await Api.GetJobAsync(jobId, cancellationToken);
        }

        return Page();
    }
}
