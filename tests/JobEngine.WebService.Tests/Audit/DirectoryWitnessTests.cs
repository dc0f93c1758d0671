using System.Net;
using System.Text.Json;
using JobEngine.SignedNotes;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Audit;

/// <summary>
/// A directory witness keeps every checkpoint outside the store, so that an insider who rewrites
/// or cuts the ledger and deletes the stored checkpoints too is still found, at start-up, by the
/// server itself. A fresh store and witness directory each.
/// </summary>
public sealed class DirectoryWitnessTests : IAsyncLifetime
{
    private readonly string _witness = Path.Combine(Path.GetTempPath(), "jobengine-witness", Guid.NewGuid().ToString("N"));
    private readonly ApiFixture _fixture;

    public DirectoryWitnessTests() =>
        _fixture = ApiFixture.With(new Dictionary<string, string?> { ["JobEngine:Ledger:Witnesses:0"] = _witness });

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _fixture.DisposeAsync();
        if (Directory.Exists(_witness))
        {
            Directory.Delete(_witness, recursive: true);
        }
    }

    [Fact]
    public async Task EveryCheckpoint_IsWrittenToTheWitness_OneFilePerSize_ExactlyAsSigned()
    {
        await _fixture.ProduceEntriesAsync(2);
        var auditor = Auditor();
        var (_, first) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        await _fixture.ProduceEntriesAsync(1);
        var (_, second) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");

        foreach (var checkpoint in new[] { first, second })
        {
            var file = await WitnessedAsync(checkpoint.GetProperty("treeSize").GetInt64());
            Assert.Equal(checkpoint.GetProperty("note").GetString(), file);
        }
    }

    [Fact]
    public async Task AFileAlreadyInTheWitness_IsNeverOverwritten()
    {
        await _fixture.ProduceEntriesAsync(1);
        var auditor = Auditor();
        var size = await SizeAsync(auditor);
        Directory.CreateDirectory(Path.Combine(_witness, "acme"));
        await File.WriteAllTextAsync(FileOf(size), "planted\n");

        await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        await _fixture.ProduceEntriesAsync(1);
        var (_, later) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        await WitnessedAsync(later.GetProperty("treeSize").GetInt64());

        Assert.Equal("planted\n", await File.ReadAllTextAsync(FileOf(size)));
    }

    [Fact]
    public async Task TheRewriteAttack_WithTreeAndCheckpointsRecomputedOrDeleted_IsFoundAtStartUp_ThroughTheWitness()
    {
        await _fixture.ProduceEntriesAsync(1);
        var auditor = Auditor();
        var vouched = await SignAndWitnessAsync(auditor);
        await _fixture.ProduceEntriesAsync(2);
        await SignAndWitnessAsync(auditor);
        var jobId = await _fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync("after-attack");

        var export = await auditor.ExportAsync();
        LedgerTampering.Rewrite(export, (int)vouched, "something else");
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.StoreRewrite(connection, export, (int)vouched);
            LedgerTampering.DropTree(connection);
            LedgerTampering.DeleteCheckpoints(connection);
        }

        await using var restarted = _fixture.Restart();
        var verify = await AssertFailedClosedAsync(restarted, jobId);
        Assert.Equal(vouched + 1, verify.GetProperty("firstInvalidSequence").GetInt64());
        Assert.Equal(2, verify.GetProperty("checkpointsChecked").GetInt32());
    }

    [Fact]
    public async Task TheTruncationAttack_WithCheckpointsDeleted_IsFoundAtStartUp_ThroughTheWitness()
    {
        await _fixture.ProduceEntriesAsync(3);
        var auditor = Auditor();
        var size = await SignAndWitnessAsync(auditor);
        var jobId = await _fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync("after-attack");

        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.Truncate(connection, size - 2);
            LedgerTampering.DropTree(connection);
            LedgerTampering.DeleteCheckpoints(connection);
        }

        await using var restarted = _fixture.Restart();
        var verify = await AssertFailedClosedAsync(restarted, jobId);
        Assert.Equal(size, verify.GetProperty("truncatedAt").GetInt64());
    }

    [Fact]
    public async Task ACheckpointSignedByAnotherKey_InTheWitness_IsNotBelieved()
    {
        await _fixture.ProduceEntriesAsync(1);
        var (forger, _) = NoteSigner.Generate("jobengine");
        using (forger)
        {
            Directory.CreateDirectory(Path.Combine(_witness, "acme"));
            var forged = new Checkpoint("jobengine/acme", 1000, new byte[32]).ToText();
            await File.WriteAllTextAsync(FileOf(1000), forger.Sign(forged));
        }

        await using var restarted = _fixture.Restart();

        Assert.Equal(HttpStatusCode.OK, (await restarted.CreateClient().GetAsync("/readyz")).StatusCode);
        var (_, verify) = await ApiFixture.ClientFor(restarted, TestClient.Auditor, "orch:read orch:audit").GetJsonAsync("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    /// <summary>The restarted server refuses operator actions and readiness, and its verify answer says why.</summary>
    private static async Task<JsonElement> AssertFailedClosedAsync(JobEngineApp restarted, string jobId)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await restarted.CreateClient().GetAsync("/readyz")).StatusCode);
        var operatorClient = restarted.CreateDefaultClient(new BearerTokenHandler(async () => (await new TokenClient(restarted.CreateClient())
            .RequestAsync(TestClient.Operator, "orch:read orch:operate", ("operator_reason", "maintenance"), ("operator_ticket", "T-1"))).AccessToken));
        var (status, refused) = await operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        refused.AssertProblem("urn:jobengine:problem:ledger-integrity");

        var auditor = ApiFixture.ClientFor(restarted, TestClient.Auditor, "orch:read orch:audit");
        var (_, job) = await auditor.GetJsonAsync($"/api/v1/jobs/{jobId}");
        Assert.Equal("Pending", job.GetProperty("status").GetString());
        var (_, verify) = await auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.False(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        return verify;
    }

    private async Task<long> SignAndWitnessAsync(HttpClient auditor)
    {
        var (_, signed) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        var size = signed.GetProperty("treeSize").GetInt64();
        await WitnessedAsync(size);
        return size;
    }

    private static async Task<long> SizeAsync(HttpClient auditor)
    {
        var (_, verify) = await auditor.GetJsonAsync("/api/v1/audit/verify");
        return verify.GetProperty("headSequence").GetInt64();
    }

    /// <summary>The witness's file for <paramref name="size"/>, once delivery (which never blocks signing) has written it.</summary>
    private async Task<string> WitnessedAsync(long size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!File.Exists(FileOf(size)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The witness got no checkpoint of size {size} within 15 s.");
            await Task.Delay(50);
        }

        return await File.ReadAllTextAsync(FileOf(size));
    }

    private string FileOf(long size) => Path.Combine(_witness, "acme", $"{size}.checkpoint");

    private HttpClient Auditor() => _fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit");
}
