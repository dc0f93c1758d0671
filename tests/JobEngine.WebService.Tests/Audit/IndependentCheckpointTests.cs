using System.Net;
using System.Text.Json.Nodes;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Audit;

/// <summary>
/// Signed checkpoints bound to the ledger by the independent Python verifiers alone: a note that
/// verify_note.py opens has the root verify_ledger.py computes from the export, and a newer
/// checkpoint extends an older one by the server's consistency proof (what jobctl checks against
/// its pinned checkpoint), with no export. One changed byte is refused.
/// </summary>
public sealed class IndependentCheckpointTests : IAsyncLifetime
{
    private readonly ApiFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task SignedCheckpoints_HaveTheExportsRoot_AndTheNewerExtendsTheOlder_InPython()
    {
        var (older, newer, exportFile, proof) = await TwoCheckpointsAsync();

        foreach (var checkpoint in new[] { older, newer })
        {
            var (exitCode, output) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "checkpoint", exportFile, checkpoint);
            Assert.True(exitCode == 0, output);
        }

        var (extendsExit, extends) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "extends", older, newer, await WriteAsync(proof.ToJsonString()));
        Assert.True(extendsExit == 0, extends);
    }

    [Fact]
    public async Task ACheckpointRootOrConsistencyProofChangedByOneByte_IsRefusedInPython()
    {
        var (older, newer, exportFile, proof) = await TwoCheckpointsAsync();
        var lines = (await File.ReadAllTextAsync(newer)).Split('\n');
        lines[2] = ChangeFirstByte(lines[2]);
        var forgedNewer = await WriteAsync(string.Join('\n', lines));
        var forgedProof = proof.DeepClone();
        forgedProof["proof"]![0] = ChangeFirstByte(forgedProof["proof"]![0]!.GetValue<string>());

        var (rootExit, root) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "checkpoint", exportFile, forgedNewer);
        var (newerExit, newerOutput) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "extends", older, forgedNewer, await WriteAsync(proof.ToJsonString()));
        var (proofExit, proofOutput) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "extends", older, newer, await WriteAsync(forgedProof.ToJsonString()));

        Assert.True(rootExit == 1, root);
        Assert.Contains("not the checkpoint's root", root);
        Assert.True(newerExit == 1, newerOutput);
        Assert.True(proofExit == 1, proofOutput);
        Assert.Contains("does not show the checkpoint", proofOutput);
    }

    /// <summary>
    /// Two checkpoints as verify_note.py printed them (their signatures hold), the export, and the
    /// server's consistency proof between them.
    /// </summary>
    private async Task<(string Older, string Newer, string Export, JsonNode Proof)> TwoCheckpointsAsync()
    {
        var auditor = _fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit");
        var key = await _fixture.Anonymous().GetStringAsync("/api/v1/audit/checkpoint-key");
        List<(long Size, string Text)> checkpoints = [];
        for (var i = 0; i < 2; i++)
        {
            await _fixture.ProduceEntriesAsync(2);
            var (status, signed) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
            Assert.Equal(HttpStatusCode.Created, status);
            var (exitCode, text) = await LedgerCalls.RunPythonAsync(LedgerCalls.NoteVerifier, key, await WriteAsync(signed.GetProperty("note").GetString()!));
            Assert.True(exitCode == 0, text);
            checkpoints.Add((signed.GetProperty("treeSize").GetInt64(), text));
        }

        var proof = JsonNode.Parse(await auditor.GetStringAsync(
            $"/api/v1/audit/consistency?first={checkpoints[0].Size}&second={checkpoints[1].Size}"))!;
        return (await WriteAsync(checkpoints[0].Text), await WriteAsync(checkpoints[1].Text),
            await WriteAsync(await auditor.GetStringAsync("/api/v1/audit/export")), proof);
    }

    private async Task<string> WriteAsync(string content)
    {
        var path = Path.Combine(_fixture.App.DataDirectory, Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private static string ChangeFirstByte(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[0] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }
}
