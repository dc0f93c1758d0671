using System.Text.Json.Nodes;
using JobEngine.WebService.Console;
using Microsoft.AspNetCore.Mvc;

namespace JobEngine.WebService.Pages.Console;

/// <summary>The tenant's entries, newest first, filtered and paged with the API's cursors.</summary>
public sealed class TrailModel : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public TrailFilter Filter { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public IReadOnlyList<JsonObject>? Entries { get; private set; }

    public string? NextCursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Person.Can("orch:audit"))
        {
            return Refuse(ConsoleProblems.MissingAudit(Person));
        }

        if (!Filter.TryParse(out var filter, out var invalid))
        {
            return Refuse(invalid);
        }

        var page = await Api.ListAuditAsync(filter, PageSize, Cursor, newestFirst: true, cancellationToken);
        Entries = page.Items;
        NextCursor = page.NextCursor;
        return Page();
    }
}
