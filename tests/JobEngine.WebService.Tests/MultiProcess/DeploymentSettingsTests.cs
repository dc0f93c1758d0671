using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.MultiProcess;

/// <summary>
/// How a deployment starts the published server: the listen address from the environment, as
/// container images and orchestrators set it, and an issuer that must be configured.
/// Real processes, in the Production environment; a fresh store each.
/// </summary>
public sealed class DeploymentSettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));

    public DeploymentSettingsTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task AspNetCoreUrls_IsWhereTheServerListens()
    {
        var port = ServerProcess.FreePort();
        await using var server = ServerProcess.StartWithEnvironment(new Uri($"http://127.0.0.1:{port}/"), Settings(),
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task AspNetCoreHttpPorts_IsWhereTheServerListens()
    {
        var port = ServerProcess.FreePort();
        await using var server = ServerProcess.StartWithEnvironment(new Uri($"http://127.0.0.1:{port}/"), Settings(),
            new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task WithoutAnIssuer_OutsideDevelopment_StartUpIsRefusedNamingTheSetting()
    {
        var settings = Settings();
        settings.Remove("JobEngine:Authority:Issuer");
        await using var server = ServerProcess.Start(ServerProcess.FreePort(), settings);

        var exitCode = await server.ExitCodeAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("JobEngine:Authority:Issuer is required outside the Development environment", server.Log);
    }

    [Fact]
    public async Task TheHostHeader_ChangesNothingInDiscoveryOrTokens()
    {
        var port = ServerProcess.FreePort();
        await using var server = ServerProcess.Start(port, Settings());
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        using var http = server.Client();

        using var discovery = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        discovery.Headers.Host = "evil.example";
        var document = JsonDocument.Parse(await (await http.SendAsync(discovery)).Content.ReadAsStringAsync()).RootElement;
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = TestClient.Viewer.ClientId,
                ["client_secret"] = TestClient.Viewer.Secret,
                ["scope"] = "orch:read",
            }),
        };
        tokenRequest.Headers.Host = "evil.example";
        var token = JsonDocument.Parse(await (await http.SendAsync(tokenRequest)).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(Issuer, document.GetProperty("issuer").GetString());
        Assert.Equal(Issuer + "connect/token", document.GetProperty("token_endpoint").GetString());
        Assert.DoesNotContain("evil.example", document.ToString(), StringComparison.Ordinal);
        Assert.Equal(Issuer, Jwt.Parse(token.GetProperty("access_token").GetString()!).Claim("iss"));
    }

    public void Dispose() => TestStore.Delete(_directory);

    private const string Issuer = "https://jobengine.example.test/";

    private Dictionary<string, string?> Settings()
    {
        var settings = TestStore.SettingsFor(_directory);
        settings["JobEngine:Authority:Issuer"] = Issuer;
        var client = TestClient.Viewer;
        settings["JobEngine:Bootstrap:Clients:0:ClientId"] = client.ClientId;
        settings["JobEngine:Bootstrap:Clients:0:ClientSecret"] = client.Secret;
        settings["JobEngine:Bootstrap:Clients:0:Tenants:0"] = client.Tenants[0];
        settings["JobEngine:Bootstrap:Clients:0:Roles:0"] = client.Roles[0];
        return settings;
    }
}
