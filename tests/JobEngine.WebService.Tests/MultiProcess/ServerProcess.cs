using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.MultiProcess;

/// <summary>A real JobEngine server process on a loopback port, built from this repository.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _log = new();
    private int _disposed;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>The server's resident memory now, from <c>/proc</c> (Linux).</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(text => text.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static ServerProcess Start(int port, IReadOnlyDictionary<string, string?> settings) =>
        Launch(new Uri($"http://127.0.0.1:{port}/"), settings, ["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>());

    /// <summary>
    /// Starts a server told where to listen only by <paramref name="environment"/> (say
    /// <c>ASPNETCORE_URLS</c>), as a container would, expected to answer at <paramref name="address"/>.
    /// </summary>
    public static ServerProcess StartWithEnvironment(Uri address, IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string> environment) =>
        Launch(address, settings, [], environment);

    /// <summary>The exit code once the process ended by itself within <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(waiting.Token);
        return _process.ExitCode;
    }

    private static ServerProcess Launch(Uri address, IReadOnlyDictionary<string, string?> settings, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [ServerAssembly(), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServerAssembly())!,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new ServerProcess(Process.Start(info)!, address);
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client of this server acting with a real token for <paramref name="client"/>.</summary>
    public async Task<HttpClient> ClientForAsync(TestClient client, string scope, params (string Name, string Value)[] extra)
    {
        using var authority = Client();
        var token = (await new TokenClient(authority).RequestAsync(client, scope, extra)).AccessToken;
        var http = Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Adds the bootstrap settings that register <paramref name="clients"/> (each with its first tenant and role).</summary>
    public static void Register(IDictionary<string, string?> settings, IReadOnlyList<TestClient> clients)
    {
        for (var i = 0; i < clients.Count; i++)
        {
            settings[$"JobEngine:Bootstrap:Clients:{i}:ClientId"] = clients[i].ClientId;
            settings[$"JobEngine:Bootstrap:Clients:{i}:ClientSecret"] = clients[i].Secret;
            settings[$"JobEngine:Bootstrap:Clients:{i}:Tenants:0"] = clients[i].Tenants[0];
            settings[$"JobEngine:Bootstrap:Clients:{i}:Roles:0"] = clients[i].Roles[0];
        }
    }

    /// <summary>Waits until /readyz answers 200, or fails with the server's log.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = Client();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server on {BaseAddress} exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The server on {BaseAddress} was not ready after {timeout}:\n{Log}");
    }

    /// <summary>Kills the process at once (SIGKILL: no shutdown, as a crash would). Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    /// <summary>The server built in the same configuration as these tests.</summary>
    private static string ServerAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        var path = Path.Combine(Infrastructure.RepositoryRoot.Find(), "src", "JobEngine.WebService", "bin", configuration, "net10.0", "JobEngine.WebService.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the server assembly is missing.", path);
    }
}
