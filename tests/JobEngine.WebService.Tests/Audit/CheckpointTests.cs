using System.Net;
using System.Text.Json;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Ledger;
using JobEngine.SignedNotes;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.WebService.Tests.Audit;

/// <summary>
/// Signed checkpoints through the API: signed with the key from the anonymous checkpoint-key
/// endpoint, verifiable by an implementation that is not JobEngine's, one per tree size, and never
/// signed over a ledger that was rewritten or cut after an earlier checkpoint. A fresh store each.
/// </summary>
public sealed class CheckpointTests : IAsyncLifetime
{
    private readonly ApiFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task ASignedCheckpoint_VerifiesWithThePublishedKey_HereAndIndependently()
    {
        await _fixture.ProduceEntriesAsync(3);
        var auditor = Auditor();
        var key = await _fixture.Anonymous().GetStringAsync("/api/v1/audit/checkpoint-key");
        Assert.Matches("^jobengine\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}$", key);

        var (status, signed) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");

        Assert.Equal(HttpStatusCode.Created, status);
        var note = signed.GetProperty("note").GetString()!;
        Assert.True(NoteVerifier.TryParse(key, out var verifier, out var error), error);
        Assert.True(verifier.TryOpen(note, out var text, out error), error);
        Assert.True(Checkpoint.TryParse(text, out var checkpoint, out error), error);
        var size = signed.GetProperty("treeSize").GetInt64();
        Assert.Equal(("jobengine/acme", size), (checkpoint.Origin, checkpoint.TreeSize));
        Assert.Equal(signed.GetProperty("rootHash").GetString(), Convert.ToBase64String(checkpoint.RootHash));

        var (_, consistency) = await auditor.GetJsonAsync($"/api/v1/audit/consistency?first={size}&second={size}");
        Assert.Equal(0, consistency.GetProperty("proof").GetArrayLength());
        var (exitCode, output) = await IndependentAsync(key, note);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task SigningAgainWithoutNewEntries_ReturnsTheSameCheckpoint_AndTheListIsOldestFirst()
    {
        await _fixture.ProduceEntriesAsync(1);
        var auditor = Auditor();
        var (firstStatus, first) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        var (againStatus, again) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        await _fixture.ProduceEntriesAsync(1);
        var (_, second) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (firstStatus, againStatus));
        Assert.Equal(first.GetProperty("note").GetString(), again.GetProperty("note").GetString());
        var (_, newest) = await auditor.GetJsonAsync("/api/v1/audit/checkpoint");
        Assert.Equal(second.GetProperty("treeSize").GetInt64(), newest.GetProperty("treeSize").GetInt64());
        var (_, page) = await auditor.GetJsonAsync("/api/v1/audit/checkpoints?limit=1");
        Assert.Equal(first.GetProperty("treeSize").GetInt64(), page.GetProperty("items")[0].GetProperty("treeSize").GetInt64());
        var (_, rest) = await auditor.GetJsonAsync($"/api/v1/audit/checkpoints?fromSize={page.GetProperty("nextFromSize").GetInt64()}");
        Assert.Equal(second.GetProperty("treeSize").GetInt64(), rest.GetProperty("items")[0].GetProperty("treeSize").GetInt64());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextFromSize").ValueKind);

        var (proofStatus, proof) = await auditor.GetJsonAsync($"/api/v1/audit/{await FirstEntryIdAsync(auditor)}/proof");
        Assert.Equal(HttpStatusCode.OK, proofStatus);
        Assert.Equal(second.GetProperty("treeSize").GetInt64(), proof.GetProperty("treeSize").GetInt64());
    }

    [Fact]
    public async Task ATreeRewrittenAfterACheckpoint_IsNeverSignedAgain()
    {
        await _fixture.ProduceEntriesAsync(LedgerCalls.CancelsForAStoredNode);
        var auditor = Auditor();
        Assert.Equal(HttpStatusCode.Created, (await auditor.PostJsonAsync("/api/v1/audit/checkpoints")).Status);
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            TestStore.DropTrigger(connection, "audit_tree_nodes_refuse_update", "audit_tree_nodes");
            // What rewriting the first entry and recomputing the tree above it leaves behind: other
            // hashes for every stored subtree that holds leaf 0.
            connection.Execute(TestStore.IsPostgres
                ? "UPDATE audit_tree_nodes SET hash = sha256(hash) WHERE tenant_id = 'acme' AND node_index = 0"
                : "UPDATE audit_tree_nodes SET hash = randomblob(32) WHERE tenant_id = 'acme' AND node_index = 0");
        }

        await _fixture.ProduceEntriesAsync(1);
        var (status, body) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        body.AssertProblem("urn:jobengine:problem:ledger-integrity");

        // From then on the ledger fails closed: operator actions change nothing, readiness fails.
        var jobId = await _fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync("after-the-rewrite");
        var (cancelStatus, cancel) = await _fixture.OperatorFor(TestClient.Operator).PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cancelStatus);
        cancel.AssertProblem("urn:jobengine:problem:ledger-integrity");
        var (_, job) = await _fixture.ClientFor(TestClient.Submitter, "orch:read").GetJsonAsync($"/api/v1/jobs/{jobId}");
        Assert.Equal("Pending", job.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _fixture.Anonymous().GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task AnEntryRewrittenUnderTheTreesUnstoredNodes_IsFoundByTheNextSigning_WithoutARestart()
    {
        await _fixture.ProduceEntriesAsync(3);
        var auditor = Auditor();
        Assert.Equal(HttpStatusCode.Created, (await auditor.PostJsonAsync("/api/v1/audit/checkpoints")).Status);

        // The tree stores no node over these few entries: its lowest levels are recomputed from the
        // entries themselves, so an entry rewritten with its chain and head is read by the next
        // signing as it now is, and the vouched root no longer comes out.
        var export = await auditor.ExportAsync();
        LedgerTampering.Rewrite(export, 1, "something else");
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.StoreRewrite(connection, export, 1);
        }

        await _fixture.ProduceEntriesAsync(1);
        var (status, body) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        body.AssertProblem("urn:jobengine:problem:ledger-integrity");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _fixture.Anonymous().GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task ALedgerCutWhileTheServerWasDown_IsFoundAtStartUp()
    {
        await _fixture.ProduceEntriesAsync(3);
        var size = await SignAsync(Auditor());
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.Truncate(connection, size - 1);
        }

        await using var restarted = _fixture.Restart();
        var anonymous = restarted.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/readyz")).StatusCode);
        var auditor = ApiFixture.ClientFor(restarted, TestClient.Auditor, "orch:read orch:audit");
        var (_, verify) = await auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.Equal(size, verify.GetProperty("truncatedAt").GetInt64());
    }

    [Fact]
    public async Task AnEntryRemovedFromUnderACheckpoint_IsFoundAtStartUp_AndTheServerStillServesReads()
    {
        await _fixture.ProduceEntriesAsync(3);
        var size = await SignAsync(Auditor());
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            // One entry out of the middle, head untouched: the root at the signed size can no longer be computed.
            TestStore.DropTrigger(connection, "audit_entries_refuse_delete");
            connection.Execute("DELETE FROM audit_entries WHERE tenant_id = 'acme' AND sequence = 2");
        }

        await using var restarted = _fixture.Restart();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await restarted.CreateClient().GetAsync("/readyz")).StatusCode);
        var auditor = ApiFixture.ClientFor(restarted, TestClient.Auditor, "orch:read orch:audit");
        var (status, checkpoint) = await auditor.GetJsonAsync("/api/v1/audit/checkpoint");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(size, checkpoint.GetProperty("treeSize").GetInt64());
        var (_, verify) = await auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.False(verify.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task AnEntryRewrittenSinceTheNewestCheckpoint_IsNotSigned_ForItsRootIsNotTheOneTheAppendsBuilt()
    {
        await _fixture.ProduceEntriesAsync(2);
        var auditor = Auditor();
        var vouched = (int)await SignAsync(auditor);
        await _fixture.ProduceEntriesAsync(2);

        // The rewrite lies in the window no checkpoint covers yet; chain and head are recomputed, the
        // head's right edge (the tree the appends built) is left as it was.
        var export = await auditor.ExportAsync();
        LedgerTampering.Rewrite(export, vouched, "something else");
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.StoreRewrite(connection, export, vouched);
        }

        var (status, body) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        body.AssertProblem("urn:jobengine:problem:ledger-integrity");
        var (_, newest) = await auditor.GetJsonAsync("/api/v1/audit/checkpoint");
        Assert.Equal(vouched, newest.GetProperty("treeSize").GetInt64());
    }

    [Fact]
    public async Task ALedgerCutBelowACheckpoint_IsNeverSignedAgain()
    {
        await _fixture.ProduceEntriesAsync(3);
        var auditor = Auditor();
        var size = await SignAsync(auditor);
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.Truncate(connection, size - 2);
        }

        var (status, body) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        body.AssertProblem("urn:jobengine:problem:ledger-integrity");
    }

    [Fact]
    public async Task Checkpoints_RefuseUpdateAndDelete_InTheStoreItself_AndTheKeyIsNotInTheStore()
    {
        await _fixture.ProduceEntriesAsync(1);
        await Auditor().PostJsonAsync("/api/v1/audit/checkpoints");
        var privateKey = (await File.ReadAllTextAsync(Path.Combine(_fixture.App.DataDirectory, "checkpoint.key"))).Trim();
        using var connection = TestStore.Open(_fixture.App.DataDirectory);

        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute("UPDATE audit_checkpoints SET tree_size = tree_size"));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute("DELETE FROM audit_checkpoints"));
        Assert.StartsWith("PRIVATE+KEY+jobengine+", privateKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_fixture.App.DataDirectory, "checkpoint.key")));
        }
    }

    [Fact]
    public async Task TheRewriteAttack_RehashedChainAndHead_IsNamedByVerify()
    {
        await _fixture.ProduceEntriesAsync(1);
        var auditor = Auditor();
        var (_, early) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        var vouched = early.GetProperty("treeSize").GetInt64();
        await _fixture.ProduceEntriesAsync(2);
        Assert.Equal(HttpStatusCode.Created, (await auditor.PostJsonAsync("/api/v1/audit/checkpoints")).Status);

        // As an insider with the database would: change an entry after the early checkpoint, then
        // recompute every later hash and link and the chain head, so the chain alone still verifies.
        var export = await auditor.ExportAsync();
        var target = (int)vouched;
        LedgerTampering.Rewrite(export, target, "something else");
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.StoreRewrite(connection, export, target);
        }

        var (_, verify) = await auditor.GetJsonAsync("/api/v1/audit/verify");

        Assert.False(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(vouched + 1, verify.GetProperty("firstInvalidSequence").GetInt64());
        Assert.Equal(2, verify.GetProperty("checkpointsChecked").GetInt32());
        Assert.Equal(JsonValueKind.Null, verify.GetProperty("truncatedAt").ValueKind);
    }

    [Fact]
    public async Task TheTruncationAttack_IsNamedByVerify()
    {
        await _fixture.ProduceEntriesAsync(3);
        var auditor = Auditor();
        var size = await SignAsync(auditor);
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.Truncate(connection, size - 2);
        }

        var (_, verify) = await auditor.GetJsonAsync("/api/v1/audit/verify");

        Assert.False(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(size, verify.GetProperty("truncatedAt").GetInt64());
        Assert.Equal(size - 2, verify.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task AnUntouchedLedger_VerifiesWithEveryCheckpoint()
    {
        await _fixture.ProduceEntriesAsync(2);
        var auditor = Auditor();
        await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        await _fixture.ProduceEntriesAsync(1);
        await auditor.PostJsonAsync("/api/v1/audit/checkpoints");

        var (_, verify) = await auditor.GetJsonAsync("/api/v1/audit/verify");

        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(2, verify.GetProperty("checkpointsChecked").GetInt32());
    }

    [Fact]
    public async Task TheBackgroundSigner_SignsTheGrownLedger_WithinItsInterval()
    {
        await using var app = new JobEngineApp(settings: new Dictionary<string, string?> { ["JobEngine:Ledger:CheckpointInterval"] = "00:00:00.300" });
        try
        {
            var submitter = ApiFixture.ClientFor(app, TestClient.Submitter, "orch:submit");
            var operatorClient = app.CreateDefaultClient(new BearerTokenHandler(async () => (await new TokenClient(app.CreateClient())
                .RequestAsync(TestClient.Operator, "orch:read orch:operate", ("operator_reason", "maintenance"), ("operator_ticket", "T-1"))).AccessToken));
            var auditor = ApiFixture.ClientFor(app, TestClient.Auditor, "orch:read orch:audit");
            var jobId = await submitter.SubmitAsync("background");
            Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")).Status);
            var (_, export) = await auditor.GetJsonAsync("/api/v1/audit?limit=500");
            var size = export.GetProperty("items").GetArrayLength();

            var deadline = DateTime.UtcNow.AddSeconds(15);
            long signed = -1;
            while (DateTime.UtcNow < deadline && signed < size)
            {
                var (status, newest) = await auditor.GetJsonAsync("/api/v1/audit/checkpoint");
                signed = status == HttpStatusCode.OK ? newest.GetProperty("treeSize").GetInt64() : -1;
                await Task.Delay(100);
            }

            Assert.True(signed >= size, $"No checkpoint of size {size} within 15 s (newest: {signed}).");
        }
        finally
        {
            TestStore.Delete(app.DataDirectory);
        }
    }

    [Fact]
    public async Task TwoSigningPassesOverTheSameTenants_StoreOneCheckpointPerTenantAndSize_WithOneNote()
    {
        await _fixture.ProduceEntriesAsync(2);
        await CancelAGlobexJobAsync();
        string[] tenants = ["acme", "globex"];

        var passes = await Task.WhenAll(SignAllAsync(tenants), SignAllAsync(tenants));

        foreach (var tenant in tenants)
        {
            var outcomes = passes.Select(pass => pass.Single(outcome => outcome.TenantId == tenant).Outcome).ToList();
            var signed = outcomes.Select(outcome => Assert.IsType<SignedCheckpoint>(outcome.TryGet(out var value, out _) ? value : null)).ToList();
            Assert.Single(signed, checkpoint => checkpoint.Created);
            Assert.Single(signed.Select(checkpoint => checkpoint.Checkpoint.Note).Distinct());
            Assert.Single(signed.Select(checkpoint => checkpoint.Checkpoint.TreeSize).Distinct());
        }

        var (_, acme) = await Auditor().GetJsonAsync("/api/v1/audit/checkpoints");
        var (_, globex) = await _fixture.ClientFor(TestClient.GlobexAuditor, "orch:read orch:audit").GetJsonAsync("/api/v1/audit/checkpoints");
        Assert.Equal(1, acme.GetProperty("items").GetArrayLength());
        Assert.Equal(1, globex.GetProperty("items").GetArrayLength());
        Assert.Contains("jobengine/globex", globex.GetProperty("items")[0].GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATenantWhoseTreeLacksNodes_IsNotSigned_AndTheOthersOfThePassStillAre()
    {
        await _fixture.ProduceEntriesAsync(LedgerCalls.CancelsForAStoredNode);
        await CancelAGlobexJobAsync();
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.DropTree(connection, "acme");
        }

        var pass = await SignAllAsync(["acme", "globex"]);

        var acme = pass.Single(outcome => outcome.TenantId == "acme").Outcome;
        Assert.False(acme.TryGet(out _, out var failure));
        Assert.Contains("lacks node", failure.Detail, StringComparison.Ordinal);
        Assert.True(pass.Single(outcome => outcome.TenantId == "globex").Outcome.TryGet(out var globex, out _));
        Assert.True(globex.Created);
    }

    /// <summary>Signs the tenant's tree now through the API; returns the signed size.</summary>
    private static async Task<long> SignAsync(HttpClient auditor)
    {
        var (status, signed) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"signing answered {status}");
        return signed.GetProperty("treeSize").GetInt64();
    }

    /// <summary>An audited action of the second tenant, so that its ledger grows too.</summary>
    private async Task CancelAGlobexJobAsync()
    {
        var globexOperator = _fixture.ClientFor(TestClient.GlobexOperator, "orch:operate", ("operator_reason", "cleanup"), ("operator_ticket", "GLX-1"));
        var globexJob = await _fixture.ClientFor(TestClient.GlobexSubmitter, "orch:submit").SubmitAsync("audited");
        Assert.Equal(HttpStatusCode.OK, (await globexOperator.PostJsonAsync($"/api/v1/jobs/{globexJob}/cancel")).Status);
    }

    private async Task<IReadOnlyList<(string TenantId, Outcome<SignedCheckpoint> Outcome)>> SignAllAsync(string[] tenants)
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Checkpoints>().SignAllAsync(tenants, CancellationToken.None);
    }

    private HttpClient Auditor() => _fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit");

    private static async Task<string> FirstEntryIdAsync(HttpClient auditor)
    {
        var (_, page) = await auditor.GetJsonAsync("/api/v1/audit?limit=1");
        return page.GetProperty("items")[0].GetProperty("entryId").GetString()!;
    }

    private async Task<(int ExitCode, string Output)> IndependentAsync(string verifierKey, string note)
    {
        var noteFile = Path.Combine(_fixture.App.DataDirectory, "checkpoint.note");
        await File.WriteAllTextAsync(noteFile, note);
        return await LedgerCalls.RunPythonAsync(LedgerCalls.NoteVerifier, verifierKey, noteFile);
    }
}
