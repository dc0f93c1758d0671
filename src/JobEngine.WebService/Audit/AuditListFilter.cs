using JobEngine.Core.Audit;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;
using JobEngine.WebService.Json;

namespace JobEngine.WebService.Audit;

/// <summary>The filters <c>GET /audit</c> and <c>GET /audit/export</c> take from the query string.</summary>
internal readonly record struct AuditFilterParameters(
    string? EventType, string? ResourceType, string? ResourceId, string? ActorId, string? OperatorTicket,
    string? OperatorTicketSystem, string? OperatorReasonCode, string? Since, string? Until)
{
    public Outcome<AuditQuery> Parse() => AuditListFilter.Parse(
        EventType, ResourceType, ResourceId, ActorId, OperatorTicket, OperatorTicketSystem, OperatorReasonCode, Since, Until);
}

/// <summary>Parses and validates the filters of an audit list, field by field.</summary>
internal static class AuditListFilter
{
    private const int MaxTextLength = 200;

    public static Outcome<AuditQuery> Parse(
        string? eventType, string? resourceType, string? resourceId, string? actorId, string? operatorTicket,
        string? operatorTicketSystem, string? operatorReasonCode, string? since, string? until)
    {
        if (eventType is not null && !AuditEventTypes.All.Contains(eventType))
        {
            return Failure.Invalid("eventType", $"eventType must be one of {string.Join(", ", AuditEventTypes.All)}.");
        }

        if (operatorReasonCode is not null && !OperatorReasonCode.TryCreate(operatorReasonCode, out _, out var reasonCodeError))
        {
            return Failure.Invalid("operatorReasonCode", $"operatorReasonCode {reasonCodeError}.");
        }

        foreach (var (name, value) in new[]
        {
            ("resourceType", resourceType), ("resourceId", resourceId), ("actorId", actorId), ("operatorTicket", operatorTicket),
            ("operatorTicketSystem", operatorTicketSystem),
        })
        {
            if (value is not null && (value.Length is 0 or > MaxTextLength))
            {
                return Failure.Invalid(name, $"{name} must be 1 to {MaxTextLength} characters.");
            }
        }

        if (!TryParseInstant(since, out var from))
        {
            return Failure.Invalid("since", "since must be an ISO 8601 instant with 'Z' or an offset, e.g. 2026-11-29T00:00:00Z.");
        }

        if (!TryParseInstant(until, out var to))
        {
            return Failure.Invalid("until", "until must be an ISO 8601 instant with 'Z' or an offset, e.g. 2026-11-30T00:00:00Z.");
        }

        if (from is not null && to is not null && from > to)
        {
            return Failure.Invalid("until", "until must not be before since.");
        }

        return new AuditQuery(eventType, resourceType, resourceId, actorId, operatorTicket, operatorTicketSystem, operatorReasonCode, from, to);
    }

    private static bool TryParseInstant(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (text is null)
        {
            return true;
        }

        if (!Instants.TryParse(text, out var parsed))
        {
            return false;
        }

        instant = parsed;
        return true;
    }
}
