using Spectre.Console;

namespace JobEngine.Cli;

/// <summary>
/// Everything jobctl touches outside itself, so tests can run every command in-process: the
/// consoles, where credentials live, environment variables, the clock, the HTTP handler and
/// standard input (null: the process's own, a terminal is prompted).
/// </summary>
internal sealed record CliEnvironment(
    IAnsiConsole Out,
    IAnsiConsole Error,
    string ConfigDirectory,
    Func<string, string?> Variable,
    TimeProvider Time,
    Func<HttpMessageHandler>? Handler = null,
    TextReader? Input = null)
{
    public static CliEnvironment FromProcess() => new(
        AnsiConsole.Console,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        DefaultConfigDirectory(),
        Environment.GetEnvironmentVariable,
        TimeProvider.System);

    public HttpClient CreateHttpClient(Uri server) =>
        new(Handler?.Invoke() ?? new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>$XDG_CONFIG_HOME/jobctl, else ~/.config/jobctl (the platform's application data folder elsewhere).</summary>
    private static string DefaultConfigDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
        return Path.Combine(root, "jobctl");
    }
}
