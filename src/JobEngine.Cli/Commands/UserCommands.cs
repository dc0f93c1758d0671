using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Spectre.Console;

namespace JobEngine.Cli.Commands;

/// <summary><c>jobctl users hash-password</c>: the hash a local user's <c>PasswordHash</c> setting holds.</summary>
internal static class UserCommands
{
    public const int MinimumPasswordLength = 12;

    public static Command Build(CliEnvironment environment)
    {
        var hash = new Command("hash-password",
            "Read a password from standard input (or a prompt) and print its hash for JobEngine:Users:N:PasswordHash");
        hash.SetAction((_, _) => CommandRunner.RunAsync(environment, () =>
        {
            var password = ReadPassword(environment);
            if (password.Length < MinimumPasswordLength)
            {
                throw new CliException(ExitCodes.Usage, $"The password must be at least {MinimumPasswordLength} characters.");
            }

            // Written past Spectre, which would wrap a long line at the console's width.
            environment.Out.Profile.Out.Writer.WriteLine(new PasswordHasher<object>().HashPassword(new object(), password));
            return Task.FromResult(ExitCodes.Ok);
        }));

        return new Command("users", "Manage the Authority's local users") { hash };
    }

    private static string ReadPassword(CliEnvironment environment)
    {
        if (environment.Input is null && !Console.IsInputRedirected)
        {
            // Prompted on the error stream, so the hash is all that standard output carries.
            return environment.Error.Prompt(new TextPrompt<string>("Password:").Secret());
        }

        var line = (environment.Input ?? Console.In).ReadLine();
        return line?.TrimEnd('\r') ?? throw new CliException(ExitCodes.Usage, "No password on standard input.");
    }
}
