using System.CommandLine;
using System.Text.Json;
using JobEngine.Client;
using Spectre.Console;

namespace JobEngine.Cli.Commands;

/// <summary><c>jobctl jobs list|show|submit|cancel|retry|bulk-cancel</c>.</summary>
internal static class JobCommands
{
    public static Command Build(CliEnvironment environment, GlobalOptions global)
    {
        var jobs = new Command("jobs", "Submit, read, cancel and retry jobs");
        jobs.Subcommands.Add(List(environment, global));
        jobs.Subcommands.Add(Show(environment, global));
        jobs.Subcommands.Add(Submit(environment, global));
        jobs.Subcommands.Add(Act(environment, global, "cancel", "Cancel a pending or leased job (operator action)", (api, id, comment, ct) => api.CancelJobAsync(id, comment, ct)));
        jobs.Subcommands.Add(Act(environment, global, "retry", "Retry a failed or canceled job (operator action)", (api, id, comment, ct) => api.RetryJobAsync(id, comment, ct)));
        jobs.Subcommands.Add(BulkCancelCommand.Build(environment, global));
        return jobs;
    }

    public static Argument<string> IdArgument(string name, string description) => new(name) { Description = description };

    public static Guid ParseId(string value, string name) =>
        Guid.TryParse(value, out var id) ? id : throw new CliException(ExitCodes.Usage, $"{name} must be a UUID; got '{value}'.");

    private static Command List(CliEnvironment environment, GlobalOptions global)
    {
        var status = new Option<string?>("--status") { Description = "Pending, Leased, Succeeded, Failed or Canceled" };
        var jobType = new Option<string?>("--job-type") { Description = "Only jobs of this type" };
        var limit = new Option<int?>("--limit") { Description = "Jobs per page (1-500, default 50)" };
        var all = new Option<bool>("--all") { Description = "Follow the cursors to the end" };
        var command = new Command("list", "List jobs") { status, jobType, limit, all };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var items = new List<Job>();
            string? cursor = null;
            do
            {
                var page = await session.Api.ListJobsAsync(parse.GetValue(status), parse.GetValue(jobType), parse.GetValue(limit), cursor, ct);
                items.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null && parse.GetValue(all));

            if (parse.GetValue(global.Json))
            {
                Output.Json(environment.Out, new { items, nextCursor = cursor });
                return ExitCodes.Ok;
            }

            Output.Table(environment.Out, ["job", "type", "status", "priority", "attempts", "created", "canceled by", "ticket"],
                items.Select(job => new[]
                {
                    job.JobId.ToString(), job.JobType, job.Status, job.Priority.ToString(), $"{job.Attempts}/{job.MaxAttempts}",
                    Output.Time(job.CreatedAt), job.CanceledBy, job.CancelTicket ?? job.RetryTicket,
                }));
            if (cursor is not null)
            {
                environment.Out.WriteLine("More jobs follow: add --all.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(CliEnvironment environment, GlobalOptions global)
    {
        var id = IdArgument("job-id", "The job");
        var command = new Command("show", "Show one job") { id };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var job = await session.Api.GetJobAsync(ParseId(parse.GetValue(id)!, "job-id"), ct);
            Write(environment, global, parse, job);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Submit(CliEnvironment environment, GlobalOptions global)
    {
        var jobType = new Option<string>("--job-type") { Description = "The job type", Required = true };
        var payload = new Option<string>("--payload") { Description = "The payload as JSON (default null)", DefaultValueFactory = _ => "null" };
        var priority = new Option<int?>("--priority") { Description = "-100 to 100, higher first (default 0)" };
        var maxAttempts = new Option<int?>("--max-attempts") { Description = "1 to 100 (default 3)" };
        var key = new Option<string?>("--idempotency-key") { Description = "Submitting the same key again returns the first job" };
        var notBefore = new Option<DateTimeOffset?>("--not-before") { Description = "Not before this instant (ISO 8601)" };
        var command = new Command("submit", "Submit a job") { jobType, payload, priority, maxAttempts, key, notBefore };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            JsonElement body;
            try
            {
                body = JsonDocument.Parse(parse.GetValue(payload)!).RootElement.Clone();
            }
            catch (JsonException invalid)
            {
                throw new CliException(ExitCodes.Usage, $"--payload is not JSON: {invalid.Message}");
            }

            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var job = await session.Api.SubmitJobAsync(new JobSubmission(parse.GetValue(jobType)!, body,
                parse.GetValue(priority), parse.GetValue(maxAttempts), parse.GetValue(key), parse.GetValue(notBefore)), ct);
            Write(environment, global, parse, job);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Act(CliEnvironment environment, GlobalOptions global, string name, string description,
        Func<JobEngineClient, Guid, string?, CancellationToken, Task<Job>> action)
    {
        var id = IdArgument("job-id", "The job");
        var comment = new Option<string?>("--comment") { Description = "A comment recorded in the audit entry" };
        var command = new Command(name, description) { id, comment };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            var jobId = ParseId(parse.GetValue(id)!, "job-id");
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            session.RequireOperator("orch:operate");
            Write(environment, global, parse, await action(session.Api, jobId, parse.GetValue(comment), ct));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(CliEnvironment environment, GlobalOptions global, ParseResult parse, Job job)
    {
        if (parse.GetValue(global.Json))
        {
            Output.Json(environment.Out, job);
            return;
        }

        Output.Properties(environment.Out,
        [
            ("job", job.JobId.ToString()), ("tenant", job.TenantId), ("type", job.JobType), ("status", job.Status),
            ("priority", job.Priority.ToString()), ("attempts", $"{job.Attempts}/{job.MaxAttempts}"),
            ("payload", job.Payload.GetRawText()), ("payload sha256", job.PayloadSha256), ("submitted by", job.SubmittedBy),
            ("created", Output.Time(job.CreatedAt)), ("worker", job.WorkerId), ("last error", job.LastError),
            ("canceled by", job.CanceledBy), ("cancel reason", job.CancelReason), ("cancel ticket", job.CancelTicket),
            ("retried by", job.RetriedBy), ("retry ticket", job.RetryTicket),
        ]);
    }
}
