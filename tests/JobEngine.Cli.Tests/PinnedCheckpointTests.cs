using System.Net;
using System.Text.Json;
using JobEngine.SignedNotes;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.Cli.Tests;

/// <summary>
/// <c>jobctl audit verify</c> and <c>audit proof</c> against the checkpoint they pinned: an insider
/// who rewrites or cuts the store, removes the checkpoints that vouched for it and lets the server
/// sign again fools the server but not jobctl. A fresh store each, since the tests tamper with it.
/// </summary>
public sealed class PinnedCheckpointTests : IAsyncLifetime
{
    private readonly ApiFixture _fixture = new();
    private readonly CliHarness _cli;

    public PinnedCheckpointTests() => _cli = new CliHarness(_fixture);

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _fixture.DisposeAsync();
    }

    private string PinFile => Path.Combine(_cli.ConfigDirectory, "checkpoints", "http_localhost_80.json");

    [Fact]
    public async Task Verify_PinsTheKeyAndCheckpointOnFirstUse_ThenMovesThePinForward()
    {
        await _fixture.ProduceEntriesAsync(2);
        var first = await SignAsync(_fixture.App);
        var key = await _fixture.Anonymous().GetStringAsync("/api/v1/audit/checkpoint-key");
        await _cli.LoginAsync(TestClient.Auditor, "orch:read orch:audit");

        var firstUse = await _cli.RunAsync("audit", "verify");

        Assert.True(firstUse.ExitCode == 0, firstUse.Output + firstUse.Error);
        Assert.Contains($"pinned on first use: the checkpoint key {key}", firstUse.Output);
        Assert.Contains($"checkpoint: tree size {first.TreeSize}, root {first.RootHash}, signed by jobengine+", firstUse.Output);
        var pins = Pins();
        Assert.Equal(key, pins.GetProperty("verifierKey").GetString());
        Assert.Equal(first.Note, pins.GetProperty("tenants").GetProperty("acme").GetProperty("note").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.False(File.GetUnixFileMode(PinFile).HasFlag(UnixFileMode.OtherWrite) || File.GetUnixFileMode(PinFile).HasFlag(UnixFileMode.GroupWrite));
        }

        await _fixture.ProduceEntriesAsync(1);
        var second = await SignAsync(_fixture.App);
        var grown = await _cli.RunAsync("audit", "verify", "--json");

        Assert.True(grown.ExitCode == 0, grown.Output + grown.Error);
        var report = JsonDocument.Parse(grown.Output).RootElement;
        Assert.True(report.GetProperty("valid").GetBoolean());
        Assert.Equal(second.TreeSize, report.GetProperty("checkpoint").GetProperty("treeSize").GetInt64());
        Assert.Equal(first.TreeSize, report.GetProperty("pinnedBefore").GetProperty("treeSize").GetInt64());
        Assert.Equal(second.TreeSize, PinnedSize());

        var again = await _cli.RunAsync("audit", "verify");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("unchanged since the checkpoint you pinned", again.Output);
    }

    [Fact]
    public async Task Proof_PrintsTheInclusionProof_CheckedAgainstTheSignedCheckpoint()
    {
        await _fixture.ProduceEntriesAsync(3);
        var signed = await SignAsync(_fixture.App);
        await _cli.LoginAsync(TestClient.Auditor, "orch:read orch:audit");
        var entryId = (await Auditor(_fixture.App).ExportAsync())[2]["entryId"]!.GetValue<string>();

        var json = await _cli.RunAsync("audit", "proof", entryId, "--json");
        var text = await _cli.RunAsync("audit", "proof", entryId);

        Assert.True(json.ExitCode == 0, json.Output + json.Error);
        var proof = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(2, proof.GetProperty("inclusion").GetProperty("leafIndex").GetInt64());
        Assert.Equal(signed.TreeSize, proof.GetProperty("inclusion").GetProperty("treeSize").GetInt64());
        Assert.Equal(signed.RootHash, proof.GetProperty("inclusion").GetProperty("rootHash").GetString());
        Assert.Equal(signed.Note, proof.GetProperty("checkpoint").GetString());
        Assert.Contains($"verified: entry {entryId} is leaf 2 of the tree of size {signed.TreeSize} whose root jobengine+", text.Output);
        Assert.Equal(signed.TreeSize, PinnedSize());

        await _fixture.ProduceEntriesAsync(1);
        var unsigned = (await Auditor(_fixture.App).ExportAsync())[^1]["entryId"]!.GetValue<string>();
        var tooNew = await _cli.RunAsync("audit", "proof", unsigned);
        Assert.Equal(1, tooNew.ExitCode);
        Assert.Contains("newer than the newest signed checkpoint", tooNew.Error);
        Assert.Equal(2, (await _cli.RunAsync("audit", "proof", "not-an-id")).ExitCode);
        Assert.Contains("404", (await _cli.RunAsync("audit", "proof", Guid.NewGuid().ToString())).Error);
    }

    [Fact]
    public async Task TheRewriteAttack_OnTheStore_FoolsTheServerButNotThePinnedCheckpoint()
    {
        var pinned = await PinAsync(2);
        await _fixture.ProduceEntriesAsync(1);

        // The insider rewrites an entry the pinned checkpoint vouches for, recomputes every later
        // hash, the head and the tree, and removes the checkpoints that would give it away.
        var export = await Auditor(_fixture.App).ExportAsync();
        LedgerTampering.Rewrite(export, 1, "nothing to see");
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.StoreRewrite(connection, export, 1);
            LedgerTampering.DropTree(connection);
            LedgerTampering.DeleteCheckpoints(connection);
        }

        await using var restarted = _fixture.Restart();
        _cli.App = restarted;
        var resigned = await SignAsync(restarted);
        var (_, serverVerify) = await Auditor(restarted).GetJsonAsync("/api/v1/audit/verify");
        Assert.True(serverVerify.GetProperty("valid").GetBoolean(), "the server itself cannot tell: " + serverVerify);

        var verify = await _cli.RunAsync("audit", "verify");
        var proof = await _cli.RunAsync("audit", "proof", export[1]["entryId"]!.GetValue<string>());

        Assert.Equal(4, verify.ExitCode);
        Assert.Contains($"INVALID (rewritten): The newest checkpoint of http://localhost/ (size {resigned.TreeSize}) is not consistent with " +
                        $"the checkpoint of size {pinned.TreeSize} you pinned", verify.Output);
        Assert.Equal(4, proof.ExitCode);
        Assert.Contains("integrity failure (rewritten)", proof.Error);
        Assert.Equal(pinned.TreeSize, PinnedSize());
    }

    [Fact]
    public async Task TheTruncationAttack_OnTheStore_FoolsTheServerButNotThePinnedCheckpoint()
    {
        var pinned = await PinAsync(3);

        // The insider cuts the newest entries, moves the head and the tree back, and removes the checkpoints.
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.Truncate(connection, pinned.TreeSize - 2);
            LedgerTampering.DropTree(connection);
            LedgerTampering.DeleteCheckpoints(connection);
        }

        await using var restarted = _fixture.Restart();
        _cli.App = restarted;
        var (_, serverVerify) = await Auditor(restarted).GetJsonAsync("/api/v1/audit/verify");
        Assert.True(serverVerify.GetProperty("valid").GetBoolean(), "the server itself cannot tell: " + serverVerify);

        var noCheckpoint = await _cli.RunAsync("audit", "verify");
        Assert.Equal(4, noCheckpoint.ExitCode);
        Assert.Contains($"INVALID (truncated): http://localhost/ has no checkpoint for tenant 'acme', but you pinned its checkpoint of size {pinned.TreeSize}",
            noCheckpoint.Output);

        var cut = await SignAsync(restarted);
        var smaller = await _cli.RunAsync("audit", "verify", "--json");
        Assert.Equal(4, smaller.ExitCode);
        var failure = JsonDocument.Parse(smaller.Output).RootElement.GetProperty("failure");
        Assert.Equal("truncated", failure.GetProperty("kind").GetString());
        Assert.Contains($"is of size {cut.TreeSize}, smaller than the checkpoint of size {pinned.TreeSize}", failure.GetProperty("detail").GetString());

        // Growing the cut ledger past the pinned size does not hide the cut.
        await restarted.ProduceEntriesAsync(3);
        await SignAsync(restarted);
        var regrown = await _cli.RunAsync("audit", "verify");
        Assert.Equal(4, regrown.ExitCode);
        Assert.Contains("INVALID (rewritten)", regrown.Output);
        Assert.Equal(pinned.TreeSize, PinnedSize());
    }

    [Fact]
    public async Task ACheckpointSignedByAnotherKey_IsRefused()
    {
        var pinnedSize = (await PinAsync(2)).TreeSize;
        await _fixture.ProduceEntriesAsync(1);

        // An insider without the key signs the grown tree with a key of their own, under the same name.
        var export = await Auditor(_fixture.App).ExportAsync();
        var (_, tree) = await Auditor(_fixture.App).GetJsonAsync($"/api/v1/audit/{export[^1]["entryId"]}/proof?treeSize={export.Count}");
        var root = Convert.FromBase64String(tree.GetProperty("rootHash").GetString()!);
        var (forger, _) = NoteSigner.Generate("jobengine");
        using (forger)
        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            LedgerTampering.InsertCheckpoint(connection, export.Count, root, forger.Sign(new Checkpoint("jobengine/acme", export.Count, root).ToText()));
        }

        var verify = await _cli.RunAsync("audit", "verify");

        Assert.Equal(4, verify.ExitCode);
        Assert.Contains("INVALID (checkpoint-signature): The newest checkpoint of http://localhost/ for tenant 'acme' is not signed by the trusted key jobengine+", verify.Output);
        Assert.Equal(pinnedSize, PinnedSize());
    }

    [Fact]
    public async Task AChangedServerKey_IsRefused_AndSoIsAnotherKeyGivenInPlaceOfThePinnedOne()
    {
        var pinnedSize = (await PinAsync(2)).TreeSize;
        var oldKey = await _fixture.Anonymous().GetStringAsync("/api/v1/audit/checkpoint-key");

        await using var restarted = _fixture.Restart(new Dictionary<string, string?>
        {
            ["JobEngine:Ledger:CheckpointKeyFile"] = Path.Combine(_fixture.App.DataDirectory, "another.key"),
        });
        _cli.App = restarted;
        await restarted.ProduceEntriesAsync(1);
        await SignAsync(restarted);
        var newKey = await restarted.CreateClient().GetStringAsync("/api/v1/audit/checkpoint-key");
        Assert.NotEqual(oldKey, newKey);

        var refused = await _cli.RunAsync("audit", "verify");
        var given = await _cli.RunAsync("audit", "verify", "--checkpoint-key", newKey);
        var proof = await _cli.RunAsync("audit", "proof", (await Auditor(restarted).ExportAsync())[0]["entryId"]!.GetValue<string>());

        Assert.Equal(4, refused.ExitCode);
        Assert.Contains($"INVALID (checkpoint-key-changed): http://localhost/ now serves the checkpoint key {newKey}, but you pinned {oldKey}", refused.Output);
        Assert.Equal(4, given.ExitCode);
        Assert.Contains($"INVALID (checkpoint-key-changed): You gave the checkpoint key {newKey}, but you pinned {oldKey}", given.Output);
        Assert.Equal(4, proof.ExitCode);
        Assert.Contains("integrity failure (checkpoint-key-changed)", proof.Error);
        Assert.Equal(oldKey, Pins().GetProperty("verifierKey").GetString());
        Assert.Equal(pinnedSize, PinnedSize());
    }

    /// <summary>Entries, a checkpoint over them, and jobctl's first audit verify, which pins it.</summary>
    private async Task<(long TreeSize, string RootHash, string Note)> PinAsync(int cancels)
    {
        await _fixture.ProduceEntriesAsync(cancels);
        var signed = await SignAsync(_fixture.App);
        await _cli.LoginAsync(TestClient.Auditor, "orch:read orch:audit");
        var firstUse = await _cli.RunAsync("audit", "verify");
        Assert.True(firstUse.ExitCode == 0, firstUse.Output + firstUse.Error);
        return signed;
    }

    private static HttpClient Auditor(JobEngineApp app) => ApiFixture.ClientFor(app, TestClient.Auditor, "orch:read orch:audit");

    private static async Task<(long TreeSize, string RootHash, string Note)> SignAsync(JobEngineApp app)
    {
        var (status, signed) = await Auditor(app).PostJsonAsync("/api/v1/audit/checkpoints");
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, signed.ToString());
        return (signed.GetProperty("treeSize").GetInt64(), signed.GetProperty("rootHash").GetString()!, signed.GetProperty("note").GetString()!);
    }

    private JsonElement Pins() => JsonDocument.Parse(File.ReadAllText(PinFile)).RootElement;

    private long PinnedSize() => Pins().GetProperty("tenants").GetProperty("acme").GetProperty("treeSize").GetInt64();
}
