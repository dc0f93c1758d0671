using JobEngine.WebService.Tests.Infrastructure;
using JobEngine.WebService.Tests.MultiProcess;
using Microsoft.Playwright;

namespace JobEngine.WebService.Tests.Federation;

/// <summary>
/// Two real JobEngine server processes, each on its own store and port: <see cref="Provider"/> ("A") has
/// local users and registers <see cref="Relying"/> ("B") as a relying party; B has no users of its own and
/// lists A as its upstream provider. A headless Chromium (Debian's, through Playwright) is the person's browser.
/// </summary>
public sealed class FederationFixture : IAsyncLifetime
{
    public const string ProviderName = "A";
    public const string RelyingClientId = "jobengine-b";
    public const string RelyingSecret = "jobengine-b-federation-secret";
    public const string MisreadProviderName = "A-groups";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public ServerProcess Provider { get; private set; } = null!;

    public ServerProcess Relying { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var providerPort = ServerProcess.FreePort();
        var relyingPort = ServerProcess.FreePort();
        var providerUrl = $"http://127.0.0.1:{providerPort}/";
        var relyingUrl = $"http://127.0.0.1:{relyingPort}/";

        var provider = Settings("a", providerUrl);
        foreach (var (key, value) in TestUser.Settings([TestUser.AcmeOperator, TestUser.TwoTenants]))
        {
            provider[key] = value;
        }

        provider["JobEngine:Bootstrap:RelyingParties:0:ClientId"] = RelyingClientId;
        provider["JobEngine:Bootstrap:RelyingParties:0:ClientSecret"] = RelyingSecret;
        provider["JobEngine:Bootstrap:RelyingParties:0:RedirectUris:0"] = relyingUrl + "connect/upstream/callback";

        var relying = Settings("b", relyingUrl);
        void Upstream(int index, string name, string rolesClaim)
        {
            var key = $"JobEngine:Authority:Upstream:{index}";
            relying[$"{key}:Name"] = name;
            relying[$"{key}:Issuer"] = providerUrl;
            relying[$"{key}:ClientId"] = RelyingClientId;
            relying[$"{key}:ClientSecret"] = RelyingSecret;
            relying[$"{key}:TenantsClaim"] = "tenants";
            relying[$"{key}:RolesClaim"] = rolesClaim;
        }

        Upstream(0, ProviderName, "roles");

        // The same provider, read through a claim it does not send: everyone it vouches for holds no role here.
        Upstream(1, MisreadProviderName, "groups");
        relying["JobEngine:Authority:DevicePollingInterval"] = "00:00:01";
        ServerProcess.Register(relying, [TestClient.Submitter, TestClient.Auditor]);

        Provider = ServerProcess.Start(providerPort, provider);
        Relying = ServerProcess.Start(relyingPort, relying);
        await Task.WhenAll(Provider.WaitUntilReadyAsync(Patience), Relying.WaitUntilReadyAsync(Patience));

        _playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser (its own cookies), as a person at a new machine.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync();
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        var logs = Path.Combine(RepositoryRoot.Find(), "artifacts", "test-logs");
        Directory.CreateDirectory(logs);
        foreach (var (name, server) in new[] { ("federation-a", Provider), ("federation-b", Relying) })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
                await File.WriteAllTextAsync(Path.Combine(logs, $"{name}-{(TestStore.IsPostgres ? "postgres" : "sqlite")}.log"), server.Log);
            }
        }

        TestStore.Delete(Path.Combine(_directory, "a"));
        TestStore.Delete(Path.Combine(_directory, "b"));
    }

    private Dictionary<string, string?> Settings(string name, string issuer)
    {
        var directory = Path.Combine(_directory, name);
        Directory.CreateDirectory(directory);
        var settings = TestStore.SettingsFor(directory);
        settings["JobEngine:Authority:Issuer"] = issuer;
        return settings;
    }
}
