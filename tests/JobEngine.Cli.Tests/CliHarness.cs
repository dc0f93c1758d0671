using JobEngine.WebService.Tests.Infrastructure;
using Spectre.Console;

namespace JobEngine.Cli.Tests;

/// <summary>Runs jobctl in-process against the test host, capturing what it prints.</summary>
public sealed class CliHarness : IDisposable
{
    private StringWriter _liveOutput = new();
    private TextWriter _liveWriter = TextWriter.Null;

    public CliHarness(ApiFixture fixture)
    {
        App = fixture.App;
        ConfigDirectory = Path.Combine(Path.GetTempPath(), "jobctl-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(ConfigDirectory);
    }

    public const string Server = "http://localhost/";

    public string ConfigDirectory { get; }

    /// <summary>The host jobctl talks to: the fixture's, or a restart of it.</summary>
    public JobEngineApp App { get; set; }

    public Dictionary<string, string> Variables { get; } = [];

    public TimeSpan ClockShift { get; set; }

    /// <summary>What jobctl reads on standard input.</summary>
    public string Input { get; set; } = "";

    /// <summary>Everything printed so far, on both streams: no secret may ever appear in it.</summary>
    public string AllOutput { get; private set; } = "";

    /// <summary>What the command running now has printed so far on standard output.</summary>
    public string LiveOutput
    {
        get
        {
            // The synchronized writer locks itself while writing.
            lock (_liveWriter)
            {
                return _liveOutput.ToString();
            }
        }
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Runs jobctl until it ends by itself or <paramref name="stop"/> fires, as Ctrl-C would.</summary>
    public async Task<CliResult> RunAsync(CancellationToken stop, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        _liveOutput = output;
        _liveWriter = TextWriter.Synchronized(output);
        var environment = new CliEnvironment(Console(_liveWriter), Console(error), ConfigDirectory,
            name => Variables.GetValueOrDefault(name), new ShiftedTime(ClockShift), () => App.Server.CreateHandler(), new StringReader(Input));

        var exitCode = await JobCtl.RunAsync(args, environment, stop);
        var result = new CliResult(exitCode, LiveOutput, error.ToString());
        AllOutput += result.Output + result.Error;
        return result;
    }

    public async Task LoginAsync(TestClient client, string scope, string? reason = null, string? ticket = null)
    {
        var secretFile = Path.Combine(ConfigDirectory, $"{client.ClientId}.secret");
        await File.WriteAllTextAsync(secretFile, client.Secret + "\n");
        var args = new List<string> { "login", "--server", Server, "--client-id", client.ClientId, "--client-secret-file", secretFile, "--scope", scope };
        if (reason is not null)
        {
            args.AddRange(["--reason", reason, "--ticket", ticket!]);
        }

        var result = await RunAsync([.. args]);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    public void Dispose() => Directory.Delete(ConfigDirectory, recursive: true);

    private static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 250;
        return console;
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}

public sealed record CliResult(int ExitCode, string Output, string Error);
