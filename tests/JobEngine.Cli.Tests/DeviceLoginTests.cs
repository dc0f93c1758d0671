using System.Text.Json;
using System.Text.RegularExpressions;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.Cli.Tests;

public sealed class DeviceLoginFixture : IAsyncLifetime
{
    public ApiFixture Api { get; } = ApiFixture.With(new Dictionary<string, string?>(TestUser.Settings())
    {
        ["JobEngine:Authority:DevicePollingInterval"] = "00:00:01",
    });

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => Api.DisposeAsync();
}

public sealed partial class DeviceLoginTests(DeviceLoginFixture fixture) : IClassFixture<DeviceLoginFixture>, IDisposable
{
    private readonly CliHarness _cli = new(fixture.Api);

    [Fact]
    public async Task LoginDevice_PrintsTheCode_WaitsForTheApproval_AndThePersonsCancelNamesThem()
    {
        var jobId = await fixture.Api.ClientFor(TestClient.Submitter, "orch:read orch:submit").SubmitAsync(ApiCalls.NewJobType());

        var login = _cli.RunAsync("login", "--server", CliHarness.Server, "--device",
            "--scope", "orch:read orch:operate", "--reason", "stuck import", "--ticket", "CHG-300");
        var userCode = await PrintedUserCodeAsync();
        await new DeviceFlow(fixture.Api.App.CreateClient(), fixture.Api.App.CreateClient()).ApproveAsync(userCode, TestUser.AcmeOperator);
        var result = await login;

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("/connect/verify", result.Output);
        Assert.Contains("as ada", result.Output);
        var canceled = await _cli.RunAsync("jobs", "cancel", jobId, "--json");
        Assert.True(canceled.ExitCode == 0, canceled.Error);
        Assert.Equal("ada", JsonDocument.Parse(canceled.Output).RootElement.GetProperty("canceledBy").GetString());
    }

    [Fact]
    public async Task LoginDevice_WithAReasonCode_CarriesItToThePersonsToken()
    {
        var login = _cli.RunAsync("login", "--server", CliHarness.Server, "--device",
            "--scope", "orch:read orch:operate", "--reason", "stuck import", "--ticket", "CHG-301", "--reason-code", "maintenance");
        var userCode = await PrintedUserCodeAsync();
        await new DeviceFlow(fixture.Api.App.CreateClient(), fixture.Api.App.CreateClient()).ApproveAsync(userCode, TestUser.AcmeOperator);
        var result = await login;

        Assert.True(result.ExitCode == 0, result.Error);
        var whoami = JsonDocument.Parse((await _cli.RunAsync("whoami", "--json")).Output).RootElement;
        Assert.Equal("maintenance", whoami.GetProperty("operatorReasonCode").GetString());
        Assert.Equal("ada", whoami.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task LoginDevice_WhenDenied_FailsWithoutStoringAToken()
    {
        var login = _cli.RunAsync("login", "--server", CliHarness.Server, "--device", "--scope", "orch:read");
        var userCode = await PrintedUserCodeAsync();
        await new DeviceFlow(fixture.Api.App.CreateClient(), fixture.Api.App.CreateClient()).DecideAsync(userCode, "deny");

        var result = await login;

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("denied", result.Error);
        Assert.False(File.Exists(Path.Combine(_cli.ConfigDirectory, "credentials.json")));
    }

    [Fact]
    public async Task LoginDevice_WithAClientId_IsAUsageError()
    {
        var result = await _cli.RunAsync("login", "--server", CliHarness.Server, "--device", "--client-id", "acme-operator", "--scope", "orch:read");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--device", result.Error);
    }

    private async Task<string> PrintedUserCodeAsync()
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (UserCode().Match(_cli.LiveOutput) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"jobctl printed no user code: {_cli.LiveOutput}");
    }

    public void Dispose() => _cli.Dispose();

    [GeneratedRegex(@"enter the code (\S+)")]
    private static partial Regex UserCode();
}
