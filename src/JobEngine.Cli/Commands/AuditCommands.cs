using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using JobEngine.Client;
using Spectre.Console;

namespace JobEngine.Cli.Commands;

/// <summary><c>jobctl audit list|show|export</c>, <c>tail</c> (<see cref="AuditTailCommand"/>) and the verifying commands of <see cref="AuditLedgerCommands"/>.</summary>
internal static class AuditCommands
{
    public static Command Build(CliEnvironment environment, GlobalOptions global)
    {
        var audit = new Command("audit", "Read, verify and export the tenant's audit trail");
        audit.Subcommands.Add(List(environment, global));
        audit.Subcommands.Add(Show(environment, global));
        audit.Subcommands.Add(AuditLedgerCommands.Verify(environment, global));
        audit.Subcommands.Add(AuditLedgerCommands.Proof(environment, global));
        audit.Subcommands.Add(Export(environment, global));
        audit.Subcommands.Add(AuditTailCommand.Build(environment, global));
        audit.Subcommands.Add(AuditLedgerCommands.VerifyFile(environment, global));
        return audit;
    }

    private static Command List(CliEnvironment environment, GlobalOptions global)
    {
        var ticket = new Option<string?>("--ticket") { Description = "Only entries under this change ticket" };
        var eventType = new Option<string?>("--event-type") { Description = "e.g. job.canceled" };
        var resource = new Option<string?>("--resource") { Description = "TYPE/ID, e.g. job/0192…" };
        var ticketSystem = new Option<string?>("--ticket-system") { Description = "Only entries whose ticket is of this ticket system, e.g. jira" };
        var reasonCode = new Option<string?>("--reason-code") { Description = "Only entries with this reason code, e.g. incident" };
        var actor = new Option<string?>("--actor") { Description = "Only entries by this actor" };
        var since = new Option<string?>("--since") { Description = "From this instant (ISO 8601)" };
        var until = new Option<string?>("--until") { Description = "Before this instant (ISO 8601)" };
        var command = new Command("list", "List entries in sequence order (all pages)") { ticket, ticketSystem, reasonCode, eventType, resource, actor, since, until };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            string? resourceType = null, resourceId = null;
            if (parse.GetValue(resource) is { } named)
            {
                var slash = named.IndexOf('/');
                if (slash <= 0 || slash == named.Length - 1)
                {
                    throw new CliException(ExitCodes.Usage, $"--resource must be TYPE/ID (e.g. job/0192…); got '{named}'.");
                }

                (resourceType, resourceId) = (named[..slash], named[(slash + 1)..]);
            }

            var filter = new AuditFilter(parse.GetValue(eventType), resourceType, resourceId, parse.GetValue(actor), parse.GetValue(ticket),
                Instant(parse.GetValue(since), "--since"), Instant(parse.GetValue(until), "--until"),
                parse.GetValue(ticketSystem), parse.GetValue(reasonCode));
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var entries = new List<JsonObject>();
            string? cursor = null;
            do
            {
                var page = await session.Api.ListAuditAsync(filter, 500, cursor, cancellationToken: ct);
                entries.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            if (parse.GetValue(global.Json))
            {
                Output.Json(environment.Out, new JsonObject { ["items"] = new JsonArray([.. entries.Select(e => e.DeepClone())]) });
                return ExitCodes.Ok;
            }

            Output.Table(environment.Out, ["seq", "at", "event", "resource", "actor", "reason", "code", "ticket", "link"],
                entries.Select(e => new[]
                {
                    Text(e, "sequence"), Text(e, "occurredAt"), Text(e, "eventType"),
                    $"{Text(e, "resourceType")}/{Text(e, "resourceId")}".Trim('/'), Text(e, "actorId"), Text(e, "operatorReason"),
                    Text(e, "operatorReasonCode"), Output.Ticket(Text(e, "operatorTicket"), Text(e, "operatorTicketSystem")), Text(e, "ticketUrl"),
                }));
            environment.Out.WriteLine($"{entries.Count} entries.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(CliEnvironment environment, GlobalOptions global)
    {
        var id = JobCommands.IdArgument("entry-id", "The audit entry");
        var command = new Command("show", "Show one entry with its states and hashes") { id };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            var entryId = JobCommands.ParseId(parse.GetValue(id)!, "entry-id");
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var entry = await session.Api.GetAuditEntryAsync(entryId, ct);
            if (parse.GetValue(global.Json))
            {
                Output.Json(environment.Out, entry);
            }
            else
            {
                Output.Properties(environment.Out, entry.Select(member => (member.Key, member.Value is JsonObject state ? state.ToJsonString() : member.Value?.ToString())));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Export(CliEnvironment environment, GlobalOptions global)
    {
        var output = new Option<FileInfo>("--out") { Description = "The NDJSON file to write", Required = true };
        var command = new Command("export", "Download the whole trail as NDJSON, in sequence order") { output };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            var file = parse.GetValue(output)!;
            using var session = Session.Open(environment, parse.GetValue(global.Server));

            // Written beside the target and moved into place at the end: a failed export leaves no half file.
            var partial = file.FullName + ".partial";
            try
            {
                await environment.Error.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("export").IsIndeterminate();
                    await using var stream = File.Create(partial);
                    await session.Api.ExportAuditAsync(stream, new Progress<long>(bytes => task.Description = $"export: {bytes / 1024} KiB"), cancellationToken: ct);
                    task.StopTask();
                });
                File.Move(partial, file.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            var lines = File.ReadLines(file.FullName).Count(line => line.Length > 0);
            environment.Out.WriteLine($"Exported {lines} entries to {file.FullName}. Check it offline: jobctl audit verify-file {file.FullName}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static DateTimeOffset? Instant(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new CliException(ExitCodes.Usage, $"{option} must be an ISO 8601 instant, e.g. 2026-11-29T00:00:00Z; got '{text}'.");
    }

    private static string? Text(JsonObject entry, string member) => entry[member]?.ToString();
}
