using System.Text;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.Cli.Tests;

public sealed class AuditCommandTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly CliHarness _cli = new(fixture);

    [Fact]
    public async Task AuditList_ByTicketResourceAndEventType_ThenShowAndVerify()
    {
        var ticket = "AUD-" + Guid.NewGuid().ToString("N")[..8];
        var jobId = await fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync(ApiCalls.NewJobType());
        await _cli.LoginAsync(TestClient.Operator, "orch:read orch:operate", "cleanup", ticket);
        await _cli.RunAsync("jobs", "cancel", jobId);
        await _cli.LoginAsync(TestClient.Auditor, "orch:read orch:audit");

        var byTicket = JsonDocument.Parse((await _cli.RunAsync("audit", "list", "--ticket", ticket, "--json")).Output).RootElement.GetProperty("items");
        Assert.Equal(["authority.token.issued", "job.canceled"], byTicket.EnumerateArray().Select(e => e.GetProperty("eventType").GetString()));

        var byResource = await _cli.RunAsync("audit", "list", "--resource", $"job/{jobId}", "--event-type", "job.canceled");
        Assert.Contains(ticket, byResource.Output);
        Assert.Contains("1 entries", byResource.Output);

        var entryId = byTicket[1].GetProperty("entryId").GetString()!;
        var show = await _cli.RunAsync("audit", "show", entryId);
        Assert.Contains("contentHash", show.Output);
        Assert.Contains("cleanup", show.Output);

        var verify = await _cli.RunAsync("audit", "verify");
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("valid", verify.Output);
        Assert.True(JsonDocument.Parse((await _cli.RunAsync("audit", "verify", "--json")).Output).RootElement.GetProperty("valid").GetBoolean());

        Assert.Equal(2, (await _cli.RunAsync("audit", "list", "--resource", "job")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("audit", "list", "--since", "yesterday")).ExitCode);
    }

    [Fact]
    public async Task ExportThenVerifyFile_PassesOnTheExport_AndNamesTheLineOfAChangedByteOrATruncation()
    {
        var jobId = await fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync(ApiCalls.NewJobType());
        await _cli.LoginAsync(TestClient.Operator, "orch:read orch:operate", "export drill", "EXP-1");
        await _cli.RunAsync("jobs", "cancel", jobId);
        await _cli.LoginAsync(TestClient.Auditor, "orch:audit");
        var file = Path.Combine(_cli.ConfigDirectory, "trail.ndjson");

        var export = await _cli.RunAsync("audit", "export", "--out", file);
        Assert.Equal(0, export.ExitCode);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.True(lines.Length >= 2);
        Assert.Contains($"Exported {lines.Length} entries", export.Output);

        var good = await _cli.RunAsync("audit", "verify-file", file);
        Assert.Equal(0, good.ExitCode);
        Assert.Contains($"valid: {lines.Length} entries", good.Output);

        // One byte of the reason in the first entry that carries it: 'export drill' becomes 'Export drill'.
        var target = Array.FindIndex(lines, line => line.Contains("export drill", StringComparison.Ordinal));
        var changed = Path.Combine(_cli.ConfigDirectory, "changed.ndjson");
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        var at = Encoding.UTF8.GetByteCount(string.Concat(lines[..target].Select(line => line + "\n")))
                 + Encoding.UTF8.GetByteCount(lines[target][..lines[target].IndexOf("export drill", StringComparison.Ordinal)]);
        bytes[at] = (byte)'E';
        await File.WriteAllBytesAsync(changed, bytes);
        var tampered = await _cli.RunAsync("audit", "verify-file", changed);
        Assert.Equal(4, tampered.ExitCode);
        Assert.Contains($"line {target + 1}:", tampered.Output);

        var truncated = Path.Combine(_cli.ConfigDirectory, "truncated.ndjson");
        await File.WriteAllTextAsync(truncated, lines[0] + "\n" + lines[1][..(lines[1].Length / 2)] + "\n");
        var cut = await _cli.RunAsync("audit", "verify-file", truncated, "--json");
        Assert.Equal(4, cut.ExitCode);
        Assert.Equal(2, JsonDocument.Parse(cut.Output).RootElement.GetProperty("firstInvalidLine").GetInt32());
    }

    [Fact]
    public async Task AuditTail_PrintsTheTrailAfterASequence_ByTicket_AndFollowsNewEntries()
    {
        var ticket = "TAIL-" + Guid.NewGuid().ToString("N")[..8];
        var submitter = fixture.ClientFor(TestClient.Submitter, "orch:submit");
        var operatorClient = fixture.OperatorFor(TestClient.Operator, ticket: ticket);
        var first = await submitter.SubmitAsync(ApiCalls.NewJobType());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await operatorClient.PostJsonAsync($"/api/v1/jobs/{first}/cancel")).Status);
        await _cli.LoginAsync(TestClient.Auditor, "orch:read orch:audit");

        var history = await _cli.RunAsync("audit", "tail", "--ticket", ticket, "--json");
        Assert.Equal(0, history.ExitCode);
        var lines = history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["authority.token.issued", "job.canceled"], lines.Select(e => e.GetProperty("eventType").GetString()));
        Assert.All(lines, e => Assert.Equal(ticket, e.GetProperty("operatorTicket").GetString()));
        var last = lines[^1].GetProperty("sequence").GetInt64();

        Assert.Equal("", (await _cli.RunAsync("audit", "tail", "--after", last.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ticket", ticket)).Output.Trim());

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var following = _cli.RunAsync(stop.Token, "audit", "tail", "--follow", "--after", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var second = await submitter.SubmitAsync(ApiCalls.NewJobType());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await operatorClient.PostJsonAsync($"/api/v1/jobs/{second}/cancel")).Status);
        var followed = await following;

        Assert.Equal(0, followed.ExitCode);
        Assert.Contains($"job.canceled  job/{second}", followed.Output);
        Assert.Equal(2, (await _cli.RunAsync("audit", "tail", "--after", "-1")).ExitCode);
    }

    public void Dispose() => _cli.Dispose();
}
