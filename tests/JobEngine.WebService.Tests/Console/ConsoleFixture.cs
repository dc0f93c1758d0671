using JobEngine.WebService.Tests.Infrastructure;
using JobEngine.WebService.Tests.MultiProcess;
using Microsoft.Playwright;

namespace JobEngine.WebService.Tests.Console;

/// <summary>
/// The real host on a real Kestrel port (its own store, clients and users) and a real headless
/// Chromium driven by Playwright (<see cref="HeadlessChromium"/>).
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ConsoleFixture()
    {
        var port = ServerProcess.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        var settings = TestUser.Settings();
        settings["JobEngine:Authority:Issuer"] = BaseUrl;
        settings["JobEngine:Approvals:Policies:0:Action"] = "job.cancel";
        settings["JobEngine:Approvals:Policies:0:Tenants:0"] = "globex";
        settings["JobEngine:Tickets:Systems:0:Name"] = "globex-tracker";
        settings["JobEngine:Tickets:Systems:0:Pattern"] = "GLX-[0-9]+";
        settings["JobEngine:Tickets:Systems:0:LinkTemplate"] = "https://tickets.example.com/browse/{ticket}";
        settings["JobEngine:Tickets:Systems:0:Tenants:0"] = "globex";
        App = new JobEngineApp(settings: settings) { Logs = Logs };
        App.UseKestrel(port);
    }

    public string BaseUrl { get; }

    public JobEngineApp App { get; }

    /// <summary>The host's log, saved when the fixture ends: a browser test that timed out can be read against what the server did.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App.StartServer();
        _playwright = await Playwright.CreateAsync();

        // The suite shares the machine with many servers: a page may take seconds, not milliseconds, to first render.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser context (its own cookies), as a new person at a new browser.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>An API client whose requests carry a real token for <paramref name="client"/>, over the real port.</summary>
    public HttpClient ClientFor(TestClient client, string scope, params (string Name, string Value)[] extra)
    {
        var http = new HttpClient(new BearerTokenHandler(async () =>
            (await new TokenClient(new HttpClient { BaseAddress = new Uri(BaseUrl) }).RequestAsync(client, scope, extra)).AccessToken)
        {
            InnerHandler = new HttpClientHandler(),
        })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        return http;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
        Logs.Save($"console-{(TestStore.IsPostgres ? "postgres" : "sqlite")}-{DateTime.UtcNow:HHmmss}-{new Uri(BaseUrl).Port}");
    }
}
