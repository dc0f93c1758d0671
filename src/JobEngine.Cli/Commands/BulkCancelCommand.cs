using System.CommandLine;

namespace JobEngine.Cli.Commands;

/// <summary><c>jobctl jobs bulk-cancel</c>: every job matching a filter, at most --max.</summary>
internal static class BulkCancelCommand
{
    public static Command Build(CliEnvironment environment, GlobalOptions global)
    {
        var jobType = new Option<string?>("--job-type") { Description = "Only jobs of this type" };
        var status = new Option<string?>("--status") { Description = "Pending or Leased (default both)" };
        var before = new Option<DateTimeOffset?>("--submitted-before") { Description = "Only jobs submitted before this instant (ISO 8601)" };
        var max = new Option<int>("--max") { Description = "The most jobs to cancel; more matching jobs refuse the whole action", Required = true };
        var comment = new Option<string?>("--comment") { Description = "A comment recorded in every audit entry" };
        var command = new Command("bulk-cancel", "Cancel every job matching a filter (operator action; one entry per job and a summary)")
        {
            jobType, status, before, max, comment,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            session.RequireOperator("orch:operate");
            var bulk = await session.Api.BulkCancelJobsAsync(
                parse.GetValue(jobType), parse.GetValue(status), parse.GetValue(before), parse.GetValue(max), parse.GetValue(comment), ct);
            if (parse.GetValue(global.Json))
            {
                Output.Json(environment.Out, bulk);
                return ExitCodes.Ok;
            }

            Output.Properties(environment.Out,
            [
                ("batch", bulk.BatchId.ToString()), ("job type", bulk.JobType), ("status", bulk.Status),
                ("submitted before", Output.Time(bulk.SubmittedBefore)), ("matched", bulk.Matched.ToString()),
                ("canceled", bulk.Canceled.ToString()), ("skipped", bulk.Skipped.ToString()), ("completed", Output.Time(bulk.CompletedAt)),
            ]);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
