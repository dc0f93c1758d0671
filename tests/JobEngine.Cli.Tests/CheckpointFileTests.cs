using System.Text.Json;
using System.Text.Json.Nodes;
using JobEngine.Cli.Ledger;
using JobEngine.SignedNotes;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.Cli.Tests;

/// <summary>
/// <c>jobctl audit verify-file EXPORT --checkpoint NOTE --checkpoint-key KEY</c> offline, and the
/// key options' bad inputs. Nothing here tampers with the store, so the tests share one host.
/// </summary>
public sealed class CheckpointFileTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly CliHarness _cli = new(fixture);

    [Fact]
    public async Task VerifyFile_PassesAnExportThatExtendsTheCheckpoint_AndNamesACutOrARewrite()
    {
        var (note, size, key) = await SignedAsync();
        var noteFile = await WriteAsync("checkpoint.note", note);
        var keyFile = await WriteAsync("checkpoint.pub", key + "\n");
        await _cli.LoginAsync(TestClient.Auditor, "orch:read orch:audit");
        var export = Path.Combine(_cli.ConfigDirectory, "trail.ndjson");
        Assert.Equal(0, (await _cli.RunAsync("audit", "export", "--out", export)).ExitCode);

        var withKeyFile = await _cli.RunAsync("audit", "verify-file", export, "--checkpoint", noteFile, "--checkpoint-key", keyFile);
        var withKeyText = await _cli.RunAsync("audit", "verify-file", export, "--checkpoint", noteFile, "--checkpoint-key", key, "--json");

        Assert.True(withKeyFile.ExitCode == 0, withKeyFile.Output + withKeyFile.Error);
        Assert.Contains($"checkpoint: the first {size} entries have the root", withKeyFile.Output);
        Assert.Equal(0, withKeyText.ExitCode);
        Assert.Equal(size, JsonDocument.Parse(withKeyText.Output).RootElement.GetProperty("checkpoint").GetProperty("treeSize").GetInt64());

        await fixture.ProduceEntriesAsync(1);
        var longer = Path.Combine(_cli.ConfigDirectory, "longer.ndjson");
        await _cli.RunAsync("audit", "export", "--out", longer);
        Assert.Equal(0, (await _cli.RunAsync("audit", "verify-file", longer, "--checkpoint", noteFile, "--checkpoint-key", key)).ExitCode);

        var lines = await File.ReadAllLinesAsync(export);
        var cut = await WriteAsync("cut.ndjson", string.Join('\n', lines[..^1]) + "\n");
        var truncated = await _cli.RunAsync("audit", "verify-file", cut, "--checkpoint", noteFile, "--checkpoint-key", key);
        Assert.Equal(4, truncated.ExitCode);
        Assert.Contains($"INVALID (truncated): The export holds {size - 1} entries; the checkpoint checkpoint.note vouches for {size}", truncated.Output);

        // Rewritten with every later hash recomputed: the chain holds, the signed root does not.
        var entries = lines.Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        LedgerTampering.Rewrite(entries, 1, "nothing to see");
        var rewrittenFile = await WriteAsync("rewritten.ndjson", string.Concat(entries.Select(entry => entry.ToJsonString() + "\n")));
        Assert.Equal(0, (await _cli.RunAsync("audit", "verify-file", rewrittenFile)).ExitCode);
        var rewritten = await _cli.RunAsync("audit", "verify-file", rewrittenFile, "--checkpoint", noteFile, "--checkpoint-key", key, "--json");
        Assert.Equal(4, rewritten.ExitCode);
        var report = JsonDocument.Parse(rewritten.Output).RootElement;
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal("rewritten", report.GetProperty("failure").GetProperty("kind").GetString());
        Assert.Equal(size, report.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task VerifyFile_RefusesACheckpointSignedByAnotherKey_OrOfAnotherTenant()
    {
        var (note, size, key) = await SignedAsync();
        await _cli.LoginAsync(TestClient.Auditor, "orch:read orch:audit");
        var export = Path.Combine(_cli.ConfigDirectory, "trail.ndjson");
        await _cli.RunAsync("audit", "export", "--out", export);
        Assert.True(CheckpointNotes.TryReadUnverified(note, out var checkpoint, out var error), error);

        var (forger, _) = NoteSigner.Generate("jobengine");
        using (forger)
        {
            var forged = await WriteAsync("forged.note", forger.Sign(checkpoint.ToText()));
            var refused = await _cli.RunAsync("audit", "verify-file", export, "--checkpoint", forged, "--checkpoint-key", key);
            Assert.Equal(4, refused.ExitCode);
            Assert.Contains("INVALID (checkpoint-signature): the checkpoint forged.note is not signed by the trusted key jobengine+", refused.Output);
        }

        // The server's own key over another tenant's log: a valid signature, the wrong checkpoint.
        Assert.True(NoteSigner.TryParse(await File.ReadAllTextAsync(Path.Combine(fixture.App.DataDirectory, "checkpoint.key")), out var server, out error), error);
        using (server)
        {
            var globex = await WriteAsync("globex.note", server.Sign(new Checkpoint("jobengine/globex", size, checkpoint.RootHash).ToText()));
            var wrongTenant = await _cli.RunAsync("audit", "verify-file", export, "--checkpoint", globex, "--checkpoint-key", key);
            Assert.Equal(4, wrongTenant.ExitCode);
            Assert.Contains("INVALID (checkpoint-mismatch): the checkpoint globex.note is a checkpoint of the log 'jobengine/globex', not of tenant 'acme'", wrongTenant.Output);
        }
    }

    [Fact]
    public async Task VerifyFile_BadCheckpointInputs_AreUsageErrorsNamingTheOption()
    {
        var (note, _, key) = await SignedAsync();
        var noteFile = await WriteAsync("checkpoint.note", note);
        var export = await WriteAsync("empty.ndjson", "");

        await AssertUsageAsync("--checkpoint and --checkpoint-key go together", "audit", "verify-file", export, "--checkpoint", noteFile);
        await AssertUsageAsync("--checkpoint: ", "audit", "verify-file", export, "--checkpoint", Path.Combine(_cli.ConfigDirectory, "absent.note"), "--checkpoint-key", key);
        await AssertUsageAsync("is not a signed checkpoint note", "audit", "verify-file", export,
            "--checkpoint", await WriteAsync("crlf.note", note.Replace("\n", "\r\n")), "--checkpoint-key", key);
        await AssertUsageAsync("--checkpoint-key: 'not-a-key' is neither a file nor a checkpoint verifier key", "audit", "verify-file", export,
            "--checkpoint", noteFile, "--checkpoint-key", "not-a-key");
        await AssertUsageAsync("--checkpoint-key: the value is not a checkpoint verifier key", "audit", "verify-file", export,
            "--checkpoint", noteFile, "--checkpoint-key", "jobengine+zz+abc");
        await AssertUsageAsync("--checkpoint-key: ", "audit", "verify-file", export,
            "--checkpoint", noteFile, "--checkpoint-key", await WriteAsync("bad.pub", "jobengine+00000000+AAAA"));
    }

    [Fact]
    public async Task Verify_WithAKeyThatIsNotTheServers_IsRefusedAndPinsNothing_AndAMalformedOneIsAUsageError()
    {
        await SignedAsync();
        await _cli.LoginAsync(TestClient.Auditor, "orch:read orch:audit");
        var (other, _) = NoteSigner.Generate("jobengine");
        using (other)
        {
            var refused = await _cli.RunAsync("audit", "verify", "--checkpoint-key", other.VerifierKey);

            Assert.Equal(4, refused.ExitCode);
            Assert.Contains($"INVALID (checkpoint-key-changed): http://localhost/ serves the checkpoint key", refused.Output);
            Assert.Contains($"not the one you gave ({other.VerifierKey})", refused.Output);
            Assert.False(Directory.Exists(Path.Combine(_cli.ConfigDirectory, "checkpoints")));
        }

        await AssertUsageAsync("--checkpoint-key: ", "audit", "verify", "--checkpoint-key", "jobengine+12345678+AAAA");
        await AssertUsageAsync("--checkpoint-key: ", "audit", "proof", Guid.NewGuid().ToString(), "--checkpoint-key", "garbage");
        Assert.Equal(0, (await _cli.RunAsync("audit", "verify", "--checkpoint-key", await fixture.Anonymous().GetStringAsync("/api/v1/audit/checkpoint-key"))).ExitCode);
    }

    private async Task AssertUsageAsync(string expected, params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Output}{result.Error}");
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    /// <summary>Entries, then a checkpoint over them: its note, size and the verifier key.</summary>
    private async Task<(string Note, long Size, string Key)> SignedAsync()
    {
        await fixture.ProduceEntriesAsync(2);
        var (_, signed) = await fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit").PostJsonAsync("/api/v1/audit/checkpoints");
        return (signed.GetProperty("note").GetString()!, signed.GetProperty("treeSize").GetInt64(),
            await fixture.Anonymous().GetStringAsync("/api/v1/audit/checkpoint-key"));
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_cli.ConfigDirectory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    public void Dispose() => _cli.Dispose();
}
