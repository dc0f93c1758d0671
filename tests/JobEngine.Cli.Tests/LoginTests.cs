using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.Cli.Tests;

public sealed class LoginTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly CliHarness _cli = new(fixture);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Login_WithASecretFile_StoresTheTokenOwnerOnly_AndWhoAmIShowsReasonTicketAndTimeLeft()
    {
        await _cli.LoginAsync(TestClient.Operator, "orch:read orch:operate", "night maintenance", "CHG-100");

        var file = Path.Combine(_cli.ConfigDirectory, "credentials.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.DoesNotContain(TestClient.Operator.Secret, await File.ReadAllTextAsync(file));

        var whoami = await _cli.RunAsync("whoami");
        Assert.Equal(0, whoami.ExitCode);
        Assert.Contains("night maintenance", whoami.Output);
        Assert.Contains("CHG-100", whoami.Output);
        Assert.Contains("min", whoami.Output);

        var json = JsonDocument.Parse((await _cli.RunAsync("whoami", "--json")).Output).RootElement;
        Assert.Equal("acme", json.GetProperty("tenant").GetString());
        Assert.Equal("CHG-100", json.GetProperty("operatorTicket").GetString());
        Assert.Equal("Orch.Operator", json.GetProperty("roles")[0].GetString());
        Assert.InRange(json.GetProperty("secondsLeft").GetInt64(), 1, 15 * 60);
        Assert.DoesNotContain(TestClient.Operator.Secret, _cli.AllOutput);
    }

    [Fact]
    public async Task Login_TakesTheSecretFromTheEnvironment()
    {
        _cli.Variables["JOBCTL_CLIENT_SECRET"] = TestClient.Viewer.Secret;

        var result = await _cli.RunAsync("login", "--server", CliHarness.Server, "--client-id", TestClient.Viewer.ClientId, "--scope", "orch:read");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(TestClient.Viewer.Secret, _cli.AllOutput);
    }

    [Fact]
    public async Task Login_WithoutASecret_IsAUsageError()
    {
        var result = await _cli.RunAsync("login", "--server", CliHarness.Server, "--client-id", "acme-viewer", "--scope", "orch:read");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("JOBCTL_CLIENT_SECRET", result.Error);
    }

    [Fact]
    public async Task Login_ForAnOperatorScopeWithoutReasonAndTicket_SaysWhatIsMissing()
    {
        _cli.Variables["JOBCTL_CLIENT_SECRET"] = TestClient.Operator.Secret;

        var result = await _cli.RunAsync("login", "--server", CliHarness.Server, "--client-id", "acme-operator", "--scope", "orch:operate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--reason", result.Error);
        Assert.Contains("--ticket", result.Error);
    }

    [Fact]
    public async Task Login_WithAMalformedTicket_ReportsTheAuthoritysError()
    {
        _cli.Variables["JOBCTL_CLIENT_SECRET"] = TestClient.Operator.Secret;

        var result = await _cli.RunAsync("login", "--server", CliHarness.Server, "--client-id", "acme-operator",
            "--scope", "orch:operate", "--reason", "r", "--ticket", "-bad ticket");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("operator_ticket", result.Error);
    }

    [Fact]
    public async Task Login_WithAWrongSecret_FailsWithoutEchoingIt()
    {
        _cli.Variables["JOBCTL_CLIENT_SECRET"] = "definitely-the-wrong-secret";

        var result = await _cli.RunAsync("login", "--server", CliHarness.Server, "--client-id", "acme-viewer", "--scope", "orch:read");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid_client", result.Error);
        Assert.DoesNotContain("definitely-the-wrong-secret", _cli.AllOutput);
    }

    [Fact]
    public async Task Commands_WithoutLogin_Exit3WithTheHint()
    {
        var result = await _cli.RunAsync("jobs", "list");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("jobctl login", result.Error);
    }

    [Fact]
    public async Task Commands_WithAnExpiredToken_Exit3WithTheHint()
    {
        await _cli.LoginAsync(TestClient.Viewer, "orch:read");
        _cli.ClockShift = TimeSpan.FromHours(2);

        var result = await _cli.RunAsync("jobs", "list");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("expired", result.Error);
        Assert.Contains("jobctl login", result.Error);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("jobs", "show")]
    [InlineData("quotas", "set", "email")]
    [InlineData("jobs", "list", "--limit", "many")]
    public async Task UsageErrors_Exit2(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error", result.Error);
    }

    public void Dispose() => _cli.Dispose();
}
