using System.CommandLine;

namespace JobEngine.Cli;

/// <summary>Options every command understands.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = "The JobEngine server (default: the last one you logged in to)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write JSON instead of tables (for scripts)",
        Recursive = true,
    };
}
