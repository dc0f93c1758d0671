using System.Net;
using System.Text.Json.Nodes;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Audit;

/// <summary>
/// The server's checkpoints, exports and proofs as Go's reference transparency-log code reads them
/// (golang.org/x/mod/sumdb/note and tlog, through tests/interop/go/tlogcheck): the note opens, the
/// export's tree has the signed root, every proof checks, and one changed byte is refused.
/// </summary>
public sealed class GoTlogInteropTests : IAsyncLifetime
{
    private readonly ApiFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task ACheckpoint_ItsExport_AndEveryProof_VerifyWithGosSumdbTlog()
    {
        await _fixture.ProduceEntriesAsync(4);
        var auditor = Auditor();
        var key = await _fixture.Anonymous().GetStringAsync("/api/v1/audit/checkpoint-key");
        var (status, signed) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        Assert.Equal(HttpStatusCode.Created, status);
        var size = signed.GetProperty("treeSize").GetInt64();
        // Entries past the checkpoint, so that Go also checks proofs against roots it computes itself.
        await _fixture.ProduceEntriesAsync(2);
        var (exportFile, export) = await ExportAsync(auditor);
        List<string> arguments = ["verify", "-key", key, "-note", await WriteAsync(signed.GetProperty("note").GetString()!), "-export", exportFile];

        foreach (var entry in export)
        {
            arguments.AddRange(["-proof", await FetchAsync(auditor, $"/api/v1/audit/{entry["entryId"]}/proof")]);
        }

        var consistencies = 0;
        foreach (var second in new[] { size, export.Count })
        {
            for (var first = 0; first <= second; first++, consistencies++)
            {
                arguments.AddRange(["-consistency", await FetchAsync(auditor, $"/api/v1/audit/consistency?first={first}&second={second}")]);
            }
        }

        var (exitCode, output) = await LedgerCalls.RunGoAsync([.. arguments]);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"checkpoint: jobengine/acme, tree of {size}, root {signed.GetProperty("rootHash").GetString()}\n", output);
        Assert.Contains($"export: its first {size} entries have the checkpoint's root\n", output);
        Assert.Equal(export.Count, output.Split('\n').Count(line => line.StartsWith("inclusion: ", StringComparison.Ordinal)));
        Assert.Equal(consistencies, output.Split('\n').Count(line => line.StartsWith("consistency: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ARootOrProofChangedByOneByte_IsRefusedByGosSumdbTlog()
    {
        await _fixture.ProduceEntriesAsync(3);
        var auditor = Auditor();
        var key = await _fixture.Anonymous().GetStringAsync("/api/v1/audit/checkpoint-key");
        var (_, signed) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        var size = signed.GetProperty("treeSize").GetInt64();
        var (exportFile, export) = await ExportAsync(auditor);
        var note = await WriteAsync(signed.GetProperty("note").GetString()!);
        var inclusion = JsonNode.Parse(await auditor.GetStringAsync($"/api/v1/audit/{export[1]["entryId"]}/proof"))!;
        var consistency = JsonNode.Parse(await auditor.GetStringAsync($"/api/v1/audit/consistency?first=1&second={size}"))!;

        async Task<(int ExitCode, string Output)> GoAsync(string export, JsonNode inclusion, JsonNode consistency) =>
            await LedgerCalls.RunGoAsync("verify", "-key", key, "-note", note, "-export", export,
                "-proof", await WriteAsync(inclusion.ToJsonString()), "-consistency", await WriteAsync(consistency.ToJsonString()));

        var (untouchedExit, untouched) = await GoAsync(exportFile, inclusion, consistency);
        Assert.True(untouchedExit == 0, untouched);

        var forgedEntry = export[0].DeepClone().AsObject();
        var contentHash = Convert.FromHexString(forgedEntry["contentHash"]!.GetValue<string>());
        contentHash[0] ^= 0x01;
        forgedEntry["contentHash"] = Convert.ToHexStringLower(contentHash);
        var forgedExport = await WriteAsync(string.Join('\n', [forgedEntry.ToJsonString(), .. export.Skip(1).Select(entry => entry.ToJsonString())]) + "\n");
        foreach (var (name, run, refusal) in new (string, Func<Task<(int, string)>>, string)[]
                 {
                     ("an entry's contentHash", () => GoAsync(forgedExport, inclusion, consistency), "not the checkpoint's root"),
                     ("the inclusion proof's rootHash", () => GoAsync(exportFile, ChangeHash(inclusion, "rootHash"), consistency), "rootHash is not the root"),
                     ("the audit path", () => GoAsync(exportFile, ChangeHash(inclusion, "auditPath"), consistency), "tlog.CheckRecord refused"),
                     ("the consistency proof", () => GoAsync(exportFile, inclusion, ChangeHash(consistency, "proof")), "tlog.CheckTree refused"),
                 })
        {
            var (exitCode, output) = await run();
            Assert.True(exitCode == 1, $"Go accepted a change of one byte in {name}: {output}");
            Assert.Contains(refusal, output);
        }
    }

    private HttpClient Auditor() => _fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit");

    private async Task<(string File, List<JsonObject> Entries)> ExportAsync(HttpClient auditor)
    {
        var text = await auditor.GetStringAsync("/api/v1/audit/export");
        return (await WriteAsync(text), [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())]);
    }

    private async Task<string> FetchAsync(HttpClient auditor, string path) => await WriteAsync(await auditor.GetStringAsync(path));

    private async Task<string> WriteAsync(string content)
    {
        var path = Path.Combine(_fixture.App.DataDirectory, Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    /// <summary>A copy of <paramref name="proof"/> whose hash <paramref name="member"/> (or the first of a list of them) differs in one byte.</summary>
    private static JsonNode ChangeHash(JsonNode proof, string member)
    {
        var copy = proof.DeepClone();
        if (copy[member] is JsonArray hashes)
        {
            hashes[0] = ChangeFirstByte(hashes[0]!.GetValue<string>());
        }
        else
        {
            copy[member] = ChangeFirstByte(copy[member]!.GetValue<string>());
        }

        return copy;
    }

    private static string ChangeFirstByte(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[0] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }
}
