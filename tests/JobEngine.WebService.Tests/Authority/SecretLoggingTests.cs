using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace JobEngine.WebService.Tests.Authority;

public sealed class SecretLoggingTests : IAsyncLifetime
{
    private readonly JobEngineApp _app = new();
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task ClientSecrets_NeverReachTheLogs_EvenAtTraceLevel()
    {
        await using var traced = _app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter(_ => true);
            logging.AddProvider(_logs);
        }));
        var tokens = new TokenClient(traced.CreateClient());

        await tokens.RequestAsync(TestClient.Operator, "orch:operate", ("operator_reason", "r"), ("operator_ticket", "T-1"));
        await tokens.RequestAsync(TestClient.Operator, "orch:operate");
        await tokens.RequestAsync(TestClient.Viewer with { Secret = "a-wrong-but-secret-value" }, "orch:read");
        await tokens.RequestAsync([new("grant_type", "client_credentials"), new("scope", "orch:read")],
            TokenClient.Basic(TestClient.Viewer.ClientId, TestClient.Viewer.Secret));

        var logged = string.Join('\n', _logs.Lines);
        Assert.Contains("TokenIssued", string.Join('\n', _logs.EventNames));
        Assert.DoesNotContain(TestClient.Operator.Secret, logged);
        Assert.DoesNotContain(TestClient.Viewer.Secret, logged);
        Assert.DoesNotContain("a-wrong-but-secret-value", logged);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        TestStore.Delete(_app.DataDirectory);
    }
}
