using JobEngine.Client;
using JobEngine.WebService.Console;
using Microsoft.AspNetCore.Mvc;

namespace JobEngine.WebService.Pages.Console;

/// <summary>The ledger's integrity: the newest signed checkpoint, the ledger and witness states, and on demand a full verification or a new checkpoint.</summary>
public sealed class IntegrityModel(IHttpClientFactory clients) : ConsolePage
{
    public AuditCheckpoint? Checkpoint { get; private set; }

    public string? CheckpointKey { get; private set; }

    public AuditVerification? Verification { get; private set; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    public ServerReadiness? Readiness { get; private set; }

    public bool Loaded { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    /// <summary>Recomputes every hash and link and checks every checkpoint (the API's <c>verify</c>).</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        if (!Person.Can("orch:audit"))
        {
            return Refuse(ConsoleProblems.MissingAudit(Person));
        }

        Verification = await Api.VerifyAuditAsync(cancellationToken);
        VerifiedAt = DateTimeOffset.UtcNow;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSignAsync(CancellationToken cancellationToken)
    {
        if (!Person.Can("orch:audit"))
        {
            return Refuse(ConsoleProblems.MissingAudit(Person));
        }

        await Api.SignCheckpointAsync(cancellationToken);
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (!Person.Can("orch:audit"))
        {
            return Refuse(ConsoleProblems.MissingAudit(Person));
        }

        Checkpoint = await Api.GetNewestCheckpointAsync(cancellationToken);
        CheckpointKey = await Api.GetCheckpointKeyAsync(cancellationToken);
        Readiness = await ServerReadiness.ReadAsync(clients, cancellationToken);
        Loaded = true;
        return Page();
    }
}
