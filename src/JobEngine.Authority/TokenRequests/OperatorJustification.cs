using System.Diagnostics.CodeAnalysis;
using JobEngine.Authority.Tickets;
using JobEngine.Core.Operators;
using JobEngine.Core.Protocol;
using JobEngine.Core.Tickets;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// The one reading of <c>operator_reason</c>, <c>operator_ticket</c> and <c>operator_reason_code</c>,
/// for a client's token request and a person's device or authorization request alike: reason and
/// ticket required with an operator scope, the reason code when the configuration says so, each
/// sent at most once, each valid by its rule, and the ticket of one of the tenant's ticket systems
/// when the tenant is known. Sent with other scopes they are still validated, never kept.
/// </summary>
internal static class OperatorJustification
{
    private const string ReasonName = WireNames.Parameters.OperatorReason;
    private const string TicketName = WireNames.Parameters.OperatorTicket;
    private const string ReasonCodeName = WireNames.Parameters.OperatorReasonCode;

    /// <summary>
    /// The validated justification (null without an operator scope), or the error naming the parameter.
    /// A well-formed ticket of none of the tenant's systems is refused with the justification read
    /// so far, so that the refusal is recorded under the ticket it was asked for.
    /// </summary>
    public static bool TryRead(RequestedGrant requested, bool operatorScope, string? tenant, TicketRules rules,
        out Justification? justification, [NotNullWhen(false)] out string? error)
    {
        justification = null;
        if (!requested.TryGet(ReasonName, out var rawReason, out error)
            || !requested.TryGet(TicketName, out var rawTicket, out error)
            || !requested.TryGet(ReasonCodeName, out var rawReasonCode, out error))
        {
            return false;
        }

        var missing = operatorScope switch
        {
            true when rawReason is null => ReasonName,
            true when rawTicket is null => TicketName,
            true when rawReasonCode is null && rules.RequireReasonCode => ReasonCodeName,
            _ => null,
        };
        if (missing is not null)
        {
            error = $"The '{missing}' parameter is required with the scopes orch:operate, orch:quota and orch:approve.";
            return false;
        }

        OperatorReason reason = default;
        OperatorTicket ticket = default;
        OperatorReasonCode? reasonCode = null;
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

        if (rawReasonCode is not null)
        {
            if (!OperatorReasonCode.TryCreate(rawReasonCode, out var code, out error))
            {
                error = $"The '{ReasonCodeName}' parameter {error}.";
                return false;
            }

            reasonCode = code;
        }

        TicketSystem? system = null;
        var known = rawTicket is null || tenant is null || TicketSystems.TryMatch(rules.SystemsOf(tenant), ticket, out system, out error);
        justification = operatorScope ? new Justification(reason, ticket, reasonCode, system) : null;
        if (!known)
        {
            error = $"The '{TicketName}' parameter {error}.";
            return false;
        }

        return true;
    }
}

/// <summary>Why an operator token is asked for: the reason, the ticket and its system, and the reason code if any.</summary>
internal sealed record Justification(OperatorReason Reason, OperatorTicket Ticket, OperatorReasonCode? ReasonCode, TicketSystem? System);
