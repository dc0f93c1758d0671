using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace JobEngine.LoadDriver;

/// <summary>A real JobEngine server process on loopback, with its start-up time and peak memory.</summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly Process _process;

    private ServerHost(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public TimeSpan StartupToReady { get; private set; }

    /// <summary>The CPU time the process had used when it first answered ready (all threads): beside <see cref="StartupToReady"/>, it tells work from waiting for a core.</summary>
    public TimeSpan CpuToReady { get; private set; }

    public static readonly (string Id, string Secret, string Role)[] Clients =
    [
        ("bench-operator", "bench-operator-secret-0001", "Orch.Operator"),
        ("bench-submitter", "bench-submitter-secret-0001", "Orch.Submitter"),
        ("bench-worker", "bench-worker-secret-0001", "Orch.Worker"),
        ("bench-auditor", "bench-auditor-secret-0001", "Orch.Auditor"),
    ];

    /// <summary>A second tenant, and an operator client of it: bootstrapped only where a row asks for it (<see cref="SecondTenantClient"/>).</summary>
    public const string SecondTenant = "bench-b";

    public static readonly (string Id, string Secret) SecondTenantOperator = ("bench-operator-b", "bench-operator-b-secret-0001");

    /// <summary>The settings that bootstrap <see cref="SecondTenantOperator"/> beside <see cref="Clients"/>.</summary>
    public static Dictionary<string, string> SecondTenantClient() => new()
    {
        [$"JobEngine:Bootstrap:Clients:{Clients.Length}:ClientId"] = SecondTenantOperator.Id,
        [$"JobEngine:Bootstrap:Clients:{Clients.Length}:ClientSecret"] = SecondTenantOperator.Secret,
        [$"JobEngine:Bootstrap:Clients:{Clients.Length}:Tenants:0"] = SecondTenant,
        [$"JobEngine:Bootstrap:Clients:{Clients.Length}:Roles:0"] = "Orch.Operator",
    };

    /// <summary>The tenants of the ledger append's many-tenant row, each with an operator client of its own (<see cref="TenantOperators"/>).</summary>
    public static readonly string[] LedgerTenants = [.. Enumerable.Range(1, 16).Select(n => $"bench-t{n:00}")];

    public static (string Id, string Secret) TenantOperator(string tenant) => ($"{tenant}-operator", $"{tenant}-operator-secret-0001");

    /// <summary>The settings that bootstrap one operator client per tenant of <see cref="LedgerTenants"/>, after <see cref="Clients"/> and the second tenant's.</summary>
    public static Dictionary<string, string> TenantOperators()
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < LedgerTenants.Length; i++)
        {
            var index = Clients.Length + 1 + i;
            var (id, secret) = TenantOperator(LedgerTenants[i]);
            settings[$"JobEngine:Bootstrap:Clients:{index}:ClientId"] = id;
            settings[$"JobEngine:Bootstrap:Clients:{index}:ClientSecret"] = secret;
            settings[$"JobEngine:Bootstrap:Clients:{index}:Tenants:0"] = LedgerTenants[i];
            settings[$"JobEngine:Bootstrap:Clients:{index}:Roles:0"] = "Orch.Operator";
        }

        return settings;
    }

    public static async Task<ServerHost> StartAsync(string serverAssembly, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [serverAssembly, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(serverAssembly)!,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["JobEngine__Diagnostics__BenchmarkEndpoints"] = "true";
        info.Environment["JobEngine__Authority__Issuer"] = $"http://127.0.0.1:{port}/";
        info.Environment["JobEngine__Authority__SigningKeyFile"] = BenchSigningKey.FilePath;
        for (var i = 0; i < Clients.Length; i++)
        {
            info.Environment[$"JobEngine__Bootstrap__Clients__{i}__ClientId"] = Clients[i].Id;
            info.Environment[$"JobEngine__Bootstrap__Clients__{i}__ClientSecret"] = Clients[i].Secret;
            info.Environment[$"JobEngine__Bootstrap__Clients__{i}__Tenants__0"] = "bench";
            info.Environment[$"JobEngine__Bootstrap__Clients__{i}__Roles__0"] = Clients[i].Role;
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return await LaunchAsync(info, port);
    }

    /// <summary>
    /// The token issuance row's ceiling (<see cref="SigningEndpoint"/>): this program again, in a
    /// process of its own, with the server's garbage collector and thread-pool settings.
    /// </summary>
    public static async Task<ServerHost> StartSigningEndpointAsync(string issuedToken)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet",
            [typeof(ServerHost).Assembly.Location, SigningEndpoint.Argument, issuedToken, BenchSigningKey.FilePath, $"http://127.0.0.1:{port}"]);
        info.Environment["DOTNET_gcServer"] = "1";
        info.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        return await LaunchAsync(info, port);
    }

    /// <summary>Starts the process and waits until its <c>/readyz</c> answers 200.</summary>
    private static async Task<ServerHost> LaunchAsync(ProcessStartInfo info, int port)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var started = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine($"  [server] {line.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new ServerHost(process, new Uri($"http://127.0.0.1:{port}/"));

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        while (started.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode}.");
            }

            try
            {
                if ((await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK)
                {
                    host.StartupToReady = started.Elapsed;
                    host.CpuToReady = host.CpuTime();
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The server did not become ready.");
    }

    /// <summary>The CPU time the server process has used so far (all its threads; on SQLite that includes the database's work).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The process's peak resident set size so far (VmHWM), in MB (10^6 bytes), the unit of the goal.</summary>
    public double PeakRssMB() => MemoryStatus()["VmHWM"];

    /// <summary>The resident set now, in MB: anonymous (heaps), file-backed (mapped assemblies) and shared (the JIT's double-mapped code).</summary>
    public (double Anonymous, double File, double Shared) RssNowMB()
    {
        var status = MemoryStatus();
        return (status["RssAnon"], status["RssFile"], status["RssShmem"]);
    }

    /// <summary>The memory lines of <c>/proc/PID/status</c>, which counts in kB of 1024 bytes, converted to MB.</summary>
    private Dictionary<string, double> MemoryStatus() =>
        File.ReadLines($"/proc/{_process.Id}/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[1].TrimEnd().EndsWith(" kB", StringComparison.Ordinal))
            .ToDictionary(parts => parts[0],
                parts => double.Parse(parts[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024 / 1_000_000);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
