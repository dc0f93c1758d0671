using System.Net;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.MultiProcess;

/// <summary>
/// Two Authority processes started at the same moment on a fresh PostgreSQL database both come up
/// (migrations, client bootstrap and the signing key are created once) and both issue tokens.
/// </summary>
[Trait("Category", "MultiProcess")]
public sealed class ConcurrentStartTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task TwoAuthoritiesStartedAtOnce_OnAFreshDatabase_BothServe(int trial)
    {
        if (!TestStore.IsPostgres)
        {
            throw new InvalidOperationException(
                $"The multi-process tests run on PostgreSQL: set {TestStore.StoreVariable}=Postgres (./test.sh does).");
        }

        var directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", $"start-{trial}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>(TestStore.SettingsFor(directory))
        {
            ["JobEngine:Authority:Issuer"] = "http://127.0.0.1/",
            ["JobEngine:Bootstrap:Clients:0:ClientId"] = TestClient.Viewer.ClientId,
            ["JobEngine:Bootstrap:Clients:0:ClientSecret"] = TestClient.Viewer.Secret,
            ["JobEngine:Bootstrap:Clients:0:Tenants:0"] = TestClient.Viewer.Tenants[0],
            ["JobEngine:Bootstrap:Clients:0:Roles:0"] = TestClient.Viewer.Roles[0],
        };

        await using var first = ServerProcess.Start(ServerProcess.FreePort(), settings);
        await using var second = ServerProcess.Start(ServerProcess.FreePort(), settings);
        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));

        foreach (var server in new[] { first, second })
        {
            using var http = server.Client();
            using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = TestClient.Viewer.ClientId,
                ["client_secret"] = TestClient.Viewer.Secret,
                ["scope"] = "orch:read",
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
