using System.CommandLine;
using JobEngine.Client;

namespace JobEngine.Cli.Commands;

/// <summary><c>jobctl job-types pause|resume</c>.</summary>
internal static class JobTypeCommands
{
    public static Command Build(CliEnvironment environment, GlobalOptions global)
    {
        var jobTypes = new Command("job-types", "Pause and resume job types (operator actions)");
        jobTypes.Subcommands.Add(Act(environment, global, "pause", "Stop leasing jobs of a type", (api, type, comment, ct) => api.PauseJobTypeAsync(type, comment, ct)));
        jobTypes.Subcommands.Add(Act(environment, global, "resume", "Lease jobs of a type again", (api, type, comment, ct) => api.ResumeJobTypeAsync(type, comment, ct)));
        return jobTypes;
    }

    private static Command Act(CliEnvironment environment, GlobalOptions global, string name, string description,
        Func<JobEngineClient, string, string?, CancellationToken, Task<JobTypeState>> action)
    {
        var jobType = new Argument<string>("job-type") { Description = "The job type" };
        var comment = new Option<string?>("--comment") { Description = "A comment recorded in the audit entry" };
        var command = new Command(name, description) { jobType, comment };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            session.RequireOperator("orch:operate");
            var state = await action(session.Api, parse.GetValue(jobType)!, parse.GetValue(comment), ct);
            if (parse.GetValue(global.Json))
            {
                Output.Json(environment.Out, state);
            }
            else
            {
                Output.Properties(environment.Out,
                [
                    ("job type", state.JobType), ("paused", state.Paused ? "yes" : "no"), ("by", state.UpdatedBy),
                    ("reason", state.UpdateReason), ("ticket", state.UpdateTicket), ("at", Output.Time(state.UpdatedAt)),
                ]);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
