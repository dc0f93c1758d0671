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
        DefaultConfigDirectory(Environment.GetEnvironmentVariable),
        Environment.GetEnvironmentVariable,
        TimeProvider.System);

    public HttpClient CreateHttpClient(Uri server) =>
        new(Handler?.Invoke() ?? new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>$XDG_CONFIG_HOME/jobctl, else ~/.config/jobctl (the platform's application data folder elsewhere), whether it exists yet or not.</summary>
    internal static string DefaultConfigDirectory(Func<string, string?> variable)
    {
        if (variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg)
        {
            return Path.Combine(xdg, "jobctl");
        }

        if (!OperatingSystem.IsWindows() && variable("HOME") is { Length: > 0 } home)
        {
            return Path.Combine(home, ".config", "jobctl");
        }

        // Without DoNotVerify the answer is "" for a folder that does not exist yet, and jobctl would keep tokens in the working directory.
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "jobctl");
    }
}
