using System.CommandLine;
using JobEngine.Cli.Commands;
using Spectre.Console;

namespace JobEngine.Cli;

/// <summary>The jobctl command tree.</summary>
internal static class JobCtl
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("jobctl: operate JobEngine and read its audit trail. Every operator action is recorded with your reason and ticket.")
        {
            global.Server,
            global.Json,
        };
        root.Subcommands.Add(LoginCommands.Login(environment, global));
        root.Subcommands.Add(LoginCommands.WhoAmI(environment, global));
        root.Subcommands.Add(JobCommands.Build(environment, global));
        root.Subcommands.Add(JobTypeCommands.Build(environment, global));
        root.Subcommands.Add(QuotaCommands.Build(environment, global));
        root.Subcommands.Add(ApprovalCommands.Build(environment, global));
        root.Subcommands.Add(AuditCommands.Build(environment, global));
        root.Subcommands.Add(UserCommands.Build(environment));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                environment.Error.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            }

            environment.Error.WriteLine("Run jobctl --help (or jobctl COMMAND --help) for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = environment.Out.Profile.Out.Writer,
            Error = environment.Error.Profile.Out.Writer,
        }, cancellationToken);
    }
}
