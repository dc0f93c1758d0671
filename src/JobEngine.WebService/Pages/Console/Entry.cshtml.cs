using System.Text.Json.Nodes;
using JobEngine.Infrastructure.Ledger;
using JobEngine.WebService.Console;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace JobEngine.WebService.Pages.Console;

/// <summary>One entry: every field, what the action changed, its hash and its inclusion proof, checked here.</summary>
public sealed class EntryModel(IOptions<LedgerOptions> ledger) : ConsolePage
{
    public JsonObject? Entry { get; private set; }

    public IReadOnlyList<StateChange> Changes { get; private set; } = [];

    public EntryProof? Proof { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid entryId, CancellationToken cancellationToken)
    {
        if (!Person.Can("orch:audit"))
        {
            return Refuse(ConsoleProblems.MissingAudit(Person));
        }

        Entry = await Api.GetAuditEntryAsync(entryId, cancellationToken);
        Changes = StateChange.Between(Entry["oldState"] as JsonObject, Entry["newState"] as JsonObject);
        Proof = await EntryProof.CheckAsync(Api, entryId, Entry, ledger.Value.OriginOf(Person.Tenant), cancellationToken);
        return Page();
    }
}
