using System.CommandLine;
using System.Text.Json.Nodes;
using JobEngine.Client;

namespace JobEngine.Cli.Commands;

/// <summary><c>jobctl audit tail</c>: the trail from the live stream, its history and, with <c>--follow</c>, every entry as it commits.</summary>
internal static class AuditTailCommand
{
    public static Command Build(CliEnvironment environment, GlobalOptions global)
    {
        var after = new Option<long>("--after") { Description = "Start after this sequence (0: the whole trail)", DefaultValueFactory = _ => 0 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing entries as they commit (Ctrl-C to stop)" };
        var ticket = new Option<string?>("--ticket") { Description = "Only entries under this change ticket" };
        var command = new Command("tail", "Print the trail from the live stream, in sequence order; with --follow, keep following it") { after, follow, ticket };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            var from = parse.GetValue(after);
            if (from < 0)
            {
                throw new CliException(ExitCodes.Usage, $"--after must be 0 or more; got {from}.");
            }

            var following = parse.GetValue(follow);
            var onlyTicket = parse.GetValue(ticket);
            var json = parse.GetValue(global.Json);
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var last = from;
            try
            {
                await foreach (var item in session.Api.StreamAuditAsync(from, ct))
                {
                    if (item is AuditStreamItem.CaughtUp && !following)
                    {
                        return ExitCodes.Ok;
                    }

                    if (item is AuditStreamItem.Entry entry)
                    {
                        last = entry.Sequence;
                        if (onlyTicket is null || string.Equals(entry.Value["operatorTicket"]?.ToString(), onlyTicket, StringComparison.Ordinal))
                        {
                            Output.Line(environment.Out, json ? entry.Value.ToJsonString() : Line(entry.Value));
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }

            // The server closes the stream when the token that opened it expires; a restart or a proxy can close it too.
            if (session.Token.ExpiresAt <= environment.Time.GetUtcNow())
            {
                throw new CliException(ExitCodes.NotAuthenticated,
                    $"The stream ended after sequence {last}: the token expired. Run jobctl login again, then: jobctl audit tail --follow --after {last}");
            }

            throw new CliException(ExitCodes.Failed, $"The server closed the stream after sequence {last}. Resume with: jobctl audit tail --follow --after {last}");
        }));
        return command;
    }

    private static string Line(JsonObject entry) => string.Join("  ",
        entry["sequence"], entry["occurredAt"], entry["eventType"],
        $"{entry["resourceType"]}/{entry["resourceId"]}".Trim('/'), entry["actorId"],
        entry["operatorReason"] ?? "-", entry["operatorReasonCode"] ?? "-",
        Output.Ticket(entry["operatorTicket"]?.ToString(), entry["operatorTicketSystem"]?.ToString()) ?? "-", entry["ticketUrl"] ?? "-");
}
