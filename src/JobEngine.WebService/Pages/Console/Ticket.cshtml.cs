using System.Text.Json.Nodes;
using JobEngine.Client;
using JobEngine.WebService.Console;
using Microsoft.AspNetCore.Mvc;

namespace JobEngine.WebService.Pages.Console;

/// <summary>
/// Everything done under one ticket, oldest first: the tokens issued and refused for it, the
/// actions and the denials, with who, when and why.
/// </summary>
public sealed class TicketModel : ConsolePage
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true, Name = "ticket")]
    public string? Ticket { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public IReadOnlyList<JsonObject>? Entries { get; private set; }

    public string? NextCursor { get; private set; }

    public IReadOnlyList<string> Actors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Person.Can("orch:audit"))
        {
            return Refuse(ConsoleProblems.MissingAudit(Person));
        }

        if (string.IsNullOrWhiteSpace(Ticket))
        {
            return Page();
        }

        var page = await Api.ListAuditAsync(new AuditFilter(OperatorTicket: Ticket.Trim()), PageSize, Cursor, cancellationToken: cancellationToken);
        Entries = page.Items;
        NextCursor = page.NextCursor;
        Actors = [.. Entries.Select(entry => EntryFields.Text(entry, "actorId")).OfType<string>().Distinct(StringComparer.Ordinal)];
        return Page();
    }
}
