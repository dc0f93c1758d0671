using System.CommandLine;
using JobEngine.Client;

namespace JobEngine.Cli.Commands;

/// <summary><c>jobctl quotas list|show|set|pause|resume</c>.</summary>
internal static class QuotaCommands
{
    public static Command Build(CliEnvironment environment, GlobalOptions global)
    {
        var quotas = new Command("quotas", "Read and change quotas");
        quotas.Subcommands.Add(List(environment, global));
        quotas.Subcommands.Add(Show(environment, global));
        quotas.Subcommands.Add(Set(environment, global));
        quotas.Subcommands.Add(Act(environment, global, "pause", "Let no job of the type through", (api, type, comment, ct) => api.PauseQuotaAsync(type, comment, ct)));
        quotas.Subcommands.Add(Act(environment, global, "resume", "Apply the quota again", (api, type, comment, ct) => api.ResumeQuotaAsync(type, comment, ct)));
        return quotas;
    }

    private static Command List(CliEnvironment environment, GlobalOptions global)
    {
        var command = new Command("list", "List the tenant's quotas");
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var items = new List<Quota>();
            string? cursor = null;
            do
            {
                var page = await session.Api.ListQuotasAsync(500, cursor, ct);
                items.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            if (parse.GetValue(global.Json))
            {
                Output.Json(environment.Out, new { items });
            }
            else
            {
                Output.Table(environment.Out, ["job type", "max active", "max per hour", "paused", "updated by", "ticket", "updated"],
                    items.Select(q => new[] { q.JobType, q.MaxActive.ToString(), q.MaxPerHour.ToString(), q.Paused ? "yes" : "no", q.UpdatedBy, q.UpdateTicket, Output.Time(q.UpdatedAt) }));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(CliEnvironment environment, GlobalOptions global)
    {
        var jobType = new Argument<string>("job-type") { Description = "The job type" };
        var command = new Command("show", "Show the quota of a job type") { jobType };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            Write(environment, global, parse, await session.Api.GetQuotaAsync(parse.GetValue(jobType)!, ct));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Set(CliEnvironment environment, GlobalOptions global)
    {
        var jobType = new Argument<string>("job-type") { Description = "The job type" };
        var maxActive = new Option<int>("--max-active") { Description = "Jobs leased at once", Required = true };
        var maxPerHour = new Option<int>("--max-per-hour") { Description = "Leases per hour", Required = true };
        var comment = new Option<string?>("--comment") { Description = "A comment recorded in the audit entry" };
        var command = new Command("set", "Create or replace the quota of a job type (operator action)") { jobType, maxActive, maxPerHour, comment };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            session.RequireOperator("orch:quota");
            Write(environment, global, parse, await session.Api.SetQuotaAsync(
                parse.GetValue(jobType)!, parse.GetValue(maxActive), parse.GetValue(maxPerHour), parse.GetValue(comment), ct));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Act(CliEnvironment environment, GlobalOptions global, string name, string description,
        Func<JobEngineClient, string, string?, CancellationToken, Task<Quota>> action)
    {
        var jobType = new Argument<string>("job-type") { Description = "The job type" };
        var comment = new Option<string?>("--comment") { Description = "A comment recorded in the audit entry" };
        var command = new Command(name, description + " (operator action)") { jobType, comment };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            session.RequireOperator("orch:quota");
            Write(environment, global, parse, await action(session.Api, parse.GetValue(jobType)!, parse.GetValue(comment), ct));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(CliEnvironment environment, GlobalOptions global, ParseResult parse, Quota quota)
    {
        if (parse.GetValue(global.Json))
        {
            Output.Json(environment.Out, quota);
            return;
        }

        Output.Properties(environment.Out,
        [
            ("job type", quota.JobType), ("max active", quota.MaxActive.ToString()), ("max per hour", quota.MaxPerHour.ToString()),
            ("paused", quota.Paused ? "yes" : "no"), ("updated by", quota.UpdatedBy), ("reason", quota.UpdateReason),
            ("ticket", quota.UpdateTicket), ("updated", Output.Time(quota.UpdatedAt)),
        ]);
    }
}
