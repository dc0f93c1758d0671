using System.Diagnostics.CodeAnalysis;
using JobEngine.Core.Operators;
using JobEngine.Core.Protocol;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// The one reading of <c>operator_reason</c> and <c>operator_ticket</c>, for a client's token request
/// and a person's device authorization request alike: required with an operator scope, each sent at
/// most once, each valid by its rule. Sent with other scopes they are still validated, never kept.
/// </summary>
internal static class OperatorJustification
{
    private const string ReasonName = WireNames.Parameters.OperatorReason;
    private const string TicketName = WireNames.Parameters.OperatorTicket;

    /// <summary>The validated reason and ticket (null without an operator scope), or the error naming the parameter.</summary>
    public static bool TryRead(RequestedGrant requested, bool operatorScope,
        out (OperatorReason Reason, OperatorTicket Ticket)? justification, [NotNullWhen(false)] out string? error)
    {
        justification = null;
        if (!requested.TryGet(ReasonName, out var rawReason, out error) || !requested.TryGet(TicketName, out var rawTicket, out error))
        {
            return false;
        }

        if (operatorScope && rawReason is null)
        {
            error = $"The '{ReasonName}' parameter is required with the scopes orch:operate, orch:quota and orch:approve.";
            return false;
        }

        if (operatorScope && rawTicket is null)
        {
            error = $"The '{TicketName}' parameter is required with the scopes orch:operate, orch:quota and orch:approve.";
            return false;
        }

        OperatorReason reason = default;
        OperatorTicket ticket = default;
        if (rawReason is not null && !OperatorReason.TryCreate(rawReason, out reason, out error))
        {
            error = $"The '{ReasonName}' parameter {error}.";
            return false;
        }

        if (rawTicket is not null && !OperatorTicket.TryCreate(rawTicket, out ticket, out error))
        {
            error = $"The '{TicketName}' parameter {error}.";
            return false;
        }

        if (operatorScope)
        {
            justification = (reason, ticket);
        }

        return true;
    }
}
