using JobEngine.Client;
using JobEngine.WebService.Console;
using Microsoft.AspNetCore.Mvc;

namespace JobEngine.WebService.Pages.Console;

/// <summary>The tenant's jobs by status and type, paged with the API's cursors.</summary>
public sealed class JobsModel : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "jobType")]
    public string? JobType { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public IReadOnlyList<Job>? Jobs { get; private set; }

    public string? NextCursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Person.Can("orch:read"))
        {
            return Refuse(ConsoleProblems.MissingRead(Person));
        }

        var page = await Api.ListJobsAsync(Blank(Status), Blank(JobType), PageSize, Cursor, cancellationToken);
        Jobs = page.Items;
        NextCursor = page.NextCursor;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
