using System.Net;
using System.Text.Json.Nodes;
using JobEngine.Core.Ledger;
using JobEngine.Tests.Interop;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>What the ledger tests do again and again: write entries, export them, run an independent verifier (Python, or Go's reference code).</summary>
public static class LedgerCalls
{
    /// <summary>Cancels <paramref name="cancels"/> fresh jobs (an operator token entry, then one entry per cancel).</summary>
    public static Task ProduceEntriesAsync(this ApiFixture fixture, int cancels, string reason = "maintenance") =>
        fixture.App.ProduceEntriesAsync(cancels, reason);

    /// <summary>Cancels <paramref name="cancels"/> fresh jobs through <paramref name="app"/> (a restart, say).</summary>
    public static async Task ProduceEntriesAsync(this JobEngineApp app, int cancels, string reason = "maintenance")
    {
        var submitter = ApiFixture.ClientFor(app, TestClient.Submitter, "orch:submit");
        var operatorClient = ApiFixture.ClientFor(app, TestClient.Operator, "orch:read orch:operate",
            ("operator_reason", reason), ("operator_ticket", "TICKET-123"));
        for (var i = 0; i < cancels; i++)
        {
            await CancelAFreshJobAsync(submitter, operatorClient);
        }
    }

    /// <summary>
    /// Enough cancels for the tree to store its first node: with the operator token's entry they make
    /// more entries than the unstored levels below <see cref="TreeNode.LowestStoredLevel"/> hold.
    /// </summary>
    public const int CancelsForAStoredNode = 1 << TreeNode.LowestStoredLevel;

    /// <summary>Cancels <paramref name="cancels"/> fresh jobs, several at once, for the tests that need many entries and not their order.</summary>
    public static async Task ProduceManyEntriesAsync(this ApiFixture fixture, int cancels)
    {
        var submitter = fixture.ClientFor(TestClient.Submitter, "orch:submit");
        var operatorClient = fixture.OperatorFor(TestClient.Operator);
        await Parallel.ForEachAsync(Enumerable.Range(0, cancels), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (_, _) => await CancelAFreshJobAsync(submitter, operatorClient));
    }

    private static async Task CancelAFreshJobAsync(HttpClient submitter, HttpClient operatorClient)
    {
        var (status, _) = await operatorClient.PostJsonAsync($"/api/v1/jobs/{await submitter.SubmitAsync("audited")}/cancel");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    public static async Task<List<JsonObject>> ExportAsync(this HttpClient auditor)
    {
        var text = await auditor.GetStringAsync("/api/v1/audit/export");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    /// <summary>Runs one of the repository's independent Python verifiers (<paramref name="script"/> relative to <c>tests/</c>).</summary>
    public static Task<(int ExitCode, string Output)> RunPythonAsync(string script, params string[] arguments) =>
        ExternalProcess.RunAsync("python3", [Path.Combine(RepositoryRoot.Find(), "tests", script), .. arguments]);

    /// <summary>Runs tests/interop/go/tlogcheck, the check with Go's reference note and tlog (built once per test run).</summary>
    public static Task<(int ExitCode, string Output)> RunGoAsync(params string[] arguments) => GoTlogCheck.RunAsync(arguments);

    public const string LedgerVerifier = "JobEngine.Core.Tests/Audit/independent/verify_ledger.py";
    public const string NoteVerifier = "JobEngine.SignedNotes.Tests/independent/verify_note.py";
}
