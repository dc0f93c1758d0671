using System.CommandLine;
using JobEngine.Client;
using Spectre.Console;

namespace JobEngine.Cli.Commands;

/// <summary><c>jobctl approvals list|show|approve|reject|withdraw</c>.</summary>
internal static class ApprovalCommands
{
    public static Command Build(CliEnvironment environment, GlobalOptions global)
    {
        var approvals = new Command("approvals", "Operator actions held for a second person: list, read, approve, reject, withdraw");
        approvals.Subcommands.Add(List(environment, global));
        approvals.Subcommands.Add(Show(environment, global));
        approvals.Subcommands.Add(Decide(environment, global, "approve", "Approve another person's request (runs the action once enough approved)", "orch:approve"));
        approvals.Subcommands.Add(Decide(environment, global, "reject", "Reject another person's request", "orch:approve"));
        approvals.Subcommands.Add(Decide(environment, global, "withdraw", "Withdraw your own request", "orch:operate"));
        return approvals;
    }

    /// <summary>What an action held for approval prints: the request, and what to do next.</summary>
    public static int Held(CliEnvironment environment, ApprovalRequest request)
    {
        Write(environment, json: false, request);
        environment.Error.MarkupLineInterpolated(
            $"[yellow]held for approval:[/] it runs once {request.MinimumApprovers} approver(s) other than you approved it: jobctl approvals approve {request.ApprovalId}");
        return ExitCodes.AwaitingApproval;
    }

    private static Command List(CliEnvironment environment, GlobalOptions global)
    {
        var status = new Option<string?>("--status") { Description = "Pending, Approved, Rejected, Expired or Withdrawn" };
        var limit = new Option<int?>("--limit") { Description = "Requests per page (1-500, default 50)" };
        var command = new Command("list", "List the tenant's approval requests") { status, limit };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var page = await session.Api.ListApprovalsAsync(parse.GetValue(status), parse.GetValue(limit), null, ct);
            if (parse.GetValue(global.Json))
            {
                Output.Json(environment.Out, page);
                return ExitCodes.Ok;
            }

            Output.Table(environment.Out, ["approval", "action", "resource", "status", "requested by", "ticket", "approvers", "expires"],
                page.Items.Select(request => new[]
                {
                    request.ApprovalId.ToString(), request.Action, request.ResourceId, request.Status, request.RequestedBy, request.OperatorTicket,
                    $"{request.Approvers.Count}/{request.MinimumApprovers}", Output.Time(request.ExpiresAt),
                }));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(CliEnvironment environment, GlobalOptions global)
    {
        var id = JobCommands.IdArgument("approval-id", "The approval request");
        var command = new Command("show", "Show one approval request") { id };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            Write(environment, parse.GetValue(global.Json), await session.Api.GetApprovalAsync(JobCommands.ParseId(parse.GetValue(id)!, "approval-id"), ct));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Decide(CliEnvironment environment, GlobalOptions global, string decision, string description, string scope)
    {
        var id = JobCommands.IdArgument("approval-id", "The approval request");
        var comment = new Option<string?>("--comment") { Description = "A comment recorded in the audit entry" };
        var command = new Command(decision, description) { id, comment };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            var approvalId = JobCommands.ParseId(parse.GetValue(id)!, "approval-id");
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            session.RequireOperator(scope);
            Write(environment, parse.GetValue(global.Json), await session.Api.DecideApprovalAsync(approvalId, decision, parse.GetValue(comment), ct));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(CliEnvironment environment, bool json, ApprovalRequest request)
    {
        if (json)
        {
            Output.Json(environment.Out, request);
            return;
        }

        Output.Properties(environment.Out,
        [
            ("approval", request.ApprovalId.ToString()), ("action", request.Action), ("resource", request.ResourceId),
            ("arguments", request.Arguments.GetRawText()), ("status", request.Status), ("requested by", $"{request.RequestedBy} ({request.RequesterType})"),
            ("reason", request.OperatorReason), ("ticket", request.OperatorTicket), ("comment", request.Comment),
            ("approvers", $"{string.Join(", ", request.Approvers)} ({request.Approvers.Count} of {request.MinimumApprovers})"),
            ("expires", Output.Time(request.ExpiresAt)), ("decided", Output.Time(request.DecidedAt)), ("decided by", request.DecidedBy),
        ]);
    }
}
