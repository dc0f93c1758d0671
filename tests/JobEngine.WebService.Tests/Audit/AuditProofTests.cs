using System.Net;
using JobEngine.Core.Ledger;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Audit;

/// <summary>
/// The tenant's Merkle tree through the API: inclusion and consistency proofs, checked by the
/// client-side verifier and by the independent Python verifier against roots it computes from the
/// export itself. A fresh store, so the tree holds exactly what these tests wrote.
/// </summary>
public sealed class AuditProofTests : IAsyncLifetime
{
    private readonly ApiFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task EveryEntrysProof_VerifiesHere_AndWithTheIndependentVerifier()
    {
        await _fixture.ProduceEntriesAsync(7);
        var auditor = Auditor();
        var export = await LedgerCalls.ExportAsync(auditor);
        var exportFile = await WriteAsync(string.Join('\n', export.Select(entry => entry.ToJsonString())) + "\n");

        foreach (var entry in export)
        {
            var sequence = entry["sequence"]!.GetValue<long>();
            var (status, proof) = await auditor.GetJsonAsync($"/api/v1/audit/{entry["entryId"]}/proof");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(sequence - 1, proof.GetProperty("leafIndex").GetInt64());
            Assert.Equal(export.Count, proof.GetProperty("treeSize").GetInt64());
            var path = proof.GetProperty("auditPath").EnumerateArray().Select(hash => Convert.FromBase64String(hash.GetString()!)).ToList();
            var leaf = MerkleHash.Leaf(Convert.FromHexString(entry["contentHash"]!.GetValue<string>()));
            Assert.True(MerkleVerifier.VerifyInclusion(sequence - 1, export.Count, leaf, path, Convert.FromBase64String(proof.GetProperty("rootHash").GetString()!)));

            var (exitCode, output) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "proof", exportFile, await WriteAsync(proof.GetRawText()));
            Assert.True(exitCode == 0, output);
        }
    }

    [Fact]
    public async Task AProofAtAnEarlierSize_AndConsistencyBetweenSizes_Verify()
    {
        await _fixture.ProduceEntriesAsync(5);
        var auditor = Auditor();
        var export = await LedgerCalls.ExportAsync(auditor);
        var exportFile = await WriteAsync(string.Join('\n', export.Select(entry => entry.ToJsonString())) + "\n");
        var size = export.Count;

        var (_, early) = await auditor.GetJsonAsync($"/api/v1/audit/{export[1]["entryId"]}/proof?treeSize=3");
        Assert.Equal(3, early.GetProperty("treeSize").GetInt64());
        Assert.True((await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "proof", exportFile, await WriteAsync(early.GetRawText()))).ExitCode == 0);

        for (var first = 0; first <= size; first++)
        {
            var (status, consistency) = await auditor.GetJsonAsync($"/api/v1/audit/consistency?first={first}&second={size}");
            Assert.Equal(HttpStatusCode.OK, status);
            var (exitCode, output) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "consistency", exportFile, await WriteAsync(consistency.GetRawText()));
            Assert.True(exitCode == 0, output);
        }
    }

    [Fact]
    public async Task BadSizes_Are400NamingTheParameter_AndAnotherTenantsEntryIs404()
    {
        await _fixture.ProduceEntriesAsync(2);
        var auditor = Auditor();
        var export = await LedgerCalls.ExportAsync(auditor);
        var last = export[^1];

        foreach (var (query, field) in new[]
                 {
                     ($"/api/v1/audit/{last["entryId"]}/proof?treeSize={export.Count + 1}", "treeSize"),
                     ($"/api/v1/audit/{last["entryId"]}/proof?treeSize=1", "treeSize"),
                     ($"/api/v1/audit/{last["entryId"]}/proof?treeSize=two", "treeSize"),
                     ("/api/v1/audit/consistency?first=1", "second"),
                     ($"/api/v1/audit/consistency?first=1&second={export.Count + 1}", "second"),
                     ("/api/v1/audit/consistency?first=3&second=2", "first"),
                 })
        {
            var (status, body) = await auditor.GetJsonAsync(query);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            body.AssertProblem("urn:jobengine:problem:validation", field);
        }

        var globex = _fixture.ClientFor(TestClient.GlobexAuditor, "orch:read orch:audit");
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetJsonAsync($"/api/v1/audit/{last["entryId"]}/proof")).Status);
    }

    [Fact]
    public async Task AChainWrittenBeforeTheTreeExisted_GetsItsTreeAtTheNextStart()
    {
        // Stored nodes to rebuild, not only the unstored levels recomputed from the entries.
        await _fixture.ProduceEntriesAsync(2 * LedgerCalls.CancelsForAStoredNode);
        var export = await LedgerCalls.ExportAsync(Auditor());
        var exportFile = await WriteAsync(string.Join('\n', export.Select(entry => entry.ToJsonString())) + "\n");
        DropTheTree();

        await using var restarted = _fixture.Restart();
        var auditor = ApiFixture.ClientFor(restarted, TestClient.Auditor, "orch:read orch:audit");
        var (status, proof) = await auditor.GetJsonAsync($"/api/v1/audit/{export[2]["entryId"]}/proof");

        Assert.Equal(HttpStatusCode.OK, status);
        var (exitCode, output) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "proof", exportFile, await WriteAsync(proof.GetRawText()));
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task ABackfillThatReadsMoreNodesThanOneQueryHolds_BuildsTheTreeTheAppendsBuilt()
    {
        // 900 entries complete more than 100 stored nodes: the backfill reads them in several queries on SQLite.
        await _fixture.ProduceManyEntriesAsync(900);
        var export = await LedgerCalls.ExportAsync(Auditor());
        var (_, appended) = await Auditor().GetJsonAsync($"/api/v1/audit/{export[0]["entryId"]}/proof");
        var root = Convert.FromBase64String(appended.GetProperty("rootHash").GetString()!);
        DropTheTree();

        await using var restarted = _fixture.Restart();
        var auditor = ApiFixture.ClientFor(restarted, TestClient.Auditor, "orch:read orch:audit");

        // Leaves all over the tree, and every one of the right edge's last unstored subtrees.
        foreach (var entry in export.Where((_, i) => i % 37 == 0 || i >= export.Count - (1 << TreeNode.LowestStoredLevel)))
        {
            var sequence = entry["sequence"]!.GetValue<long>();
            var (status, proof) = await auditor.GetJsonAsync($"/api/v1/audit/{entry["entryId"]}/proof");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(root, Convert.FromBase64String(proof.GetProperty("rootHash").GetString()!));
            var path = proof.GetProperty("auditPath").EnumerateArray().Select(hash => Convert.FromBase64String(hash.GetString()!)).ToList();
            var leaf = MerkleHash.Leaf(Convert.FromHexString(entry["contentHash"]!.GetValue<string>()));
            Assert.True(MerkleVerifier.VerifyInclusion(sequence - 1, export.Count, leaf, path, root));
        }
    }

    [Fact]
    public async Task TheTree_RefusesUpdateAndDelete_InTheStoreItself()
    {
        await _fixture.ProduceEntriesAsync(LedgerCalls.CancelsForAStoredNode);
        using var connection = TestStore.Open(_fixture.App.DataDirectory);

        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute("UPDATE audit_tree_nodes SET level = level"));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute("DELETE FROM audit_tree_nodes"));
    }

    private HttpClient Auditor() => _fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit");

    /// <summary>Leaves the store as an older version left it: entries and a head, no tree.</summary>
    /// <summary>The store as an older version left it: entries and a head, no tree.</summary>
    private void DropTheTree()
    {
        using var connection = TestStore.Open(_fixture.App.DataDirectory);
        LedgerTampering.DropTree(connection);
    }

    private async Task<string> WriteAsync(string content)
    {
        var path = Path.Combine(_fixture.App.DataDirectory, Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
