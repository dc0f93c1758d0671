using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// The real JobEngine host in memory, on its own store (<see cref="TestStore"/>: SQLite or
/// PostgreSQL). Settings override <c>appsettings.json</c>; several instances on one
/// <see cref="DataDirectory"/> share the store and behave like restarts of one server.
/// </summary>
public class JobEngineApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public JobEngineApp(IReadOnlyList<TestClient>? clients = null, string? dataDirectory = null, IDictionary<string, string?>? settings = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>(TestStore.SettingsFor(DataDirectory), StringComparer.OrdinalIgnoreCase);

        // The in-memory server's own address; outside Development the issuer is always configured.
        _settings["JobEngine:Authority:Issuer"] = "http://localhost/";

        // Tests sign checkpoints when they mean to; the background signer is tested on its own.
        _settings["JobEngine:Ledger:CheckpointInterval"] = "01:00:00";

        var registered = clients ?? TestClient.All;
        for (var i = 0; i < registered.Count; i++)
        {
            var client = registered[i];
            _settings[$"JobEngine:Bootstrap:Clients:{i}:ClientId"] = client.ClientId;
            _settings[$"JobEngine:Bootstrap:Clients:{i}:ClientSecret"] = client.Secret;
            for (var t = 0; t < client.Tenants.Length; t++)
            {
                _settings[$"JobEngine:Bootstrap:Clients:{i}:Tenants:{t}"] = client.Tenants[t];
            }

            for (var r = 0; r < client.Roles.Length; r++)
            {
                _settings[$"JobEngine:Bootstrap:Clients:{i}:Roles:{r}"] = client.Roles[r];
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    /// <summary>Where the host also logs, at Information and above for every category, when a test wants to read or keep its log.</summary>
    public CapturingLoggerProvider? Logs { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (Logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging
                .AddProvider(logs)
                .AddFilter<CapturingLoggerProvider>(null, LogLevel.Information));
        }
    }
}
