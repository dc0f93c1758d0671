using System.Text.Json;
using JobEngine.Core.Audit;

namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>
/// An entry as an OCSF 1.3 API Activity event (class 6003), for SIEMs that normalize on OCSF.
/// The mapping is in docs/siem.md; what OCSF has no place for (reason, ticket, states, hashes) is
/// kept under <c>unmapped</c>, so nothing the ledger recorded is lost.
/// </summary>
internal static class OcsfApiActivity
{
    private const int ClassUid = 6003;

    public static void Write(Utf8JsonWriter writer, AuditEntry entry)
    {
        var (activityId, activityName) = Activity(entry.EventType);
        var failed = RefusalEvents.Includes(entry.EventType);
        writer.WriteStartObject();
        writer.WriteNumber("class_uid", ClassUid);
        writer.WriteString("class_name", "API Activity");
        writer.WriteNumber("category_uid", 6);
        writer.WriteString("category_name", "Application Activity");
        writer.WriteNumber("activity_id", activityId);
        writer.WriteString("activity_name", activityName);
        writer.WriteNumber("type_uid", (ClassUid * 100) + activityId);
        writer.WriteString("type_name", $"API Activity: {activityName}");
        writer.WriteNumber("time", entry.OccurredAt.ToUnixTimeMilliseconds());
        writer.WriteNumber("severity_id", failed ? 3 : 1);
        writer.WriteString("severity", failed ? "Medium" : "Informational");
        writer.WriteNumber("status_id", failed ? 2 : 1);
        writer.WriteString("status", failed ? "Failure" : "Success");
        WriteOptional(writer, "message", entry.Description);

        writer.WriteStartObject("metadata");
        writer.WriteString("version", "1.3.0");
        writer.WriteStartObject("product");
        writer.WriteString("name", "JobEngine");
        writer.WriteString("vendor_name", "JobEngine");
        writer.WriteEndObject();
        writer.WriteString("uid", entry.EntryId.ToString("D"));
        writer.WriteString("tenant_uid", entry.TenantId);
        writer.WriteNumber("sequence", entry.Sequence);
        WriteOptional(writer, "correlation_uid", entry.CorrelationId);
        writer.WriteEndObject();

        writer.WriteStartObject("actor");
        writer.WriteStartObject("user");
        writer.WriteString("uid", entry.ActorId);
        writer.WriteString("name", entry.ActorId);
        writer.WriteString("type", entry.ActorType);
        writer.WriteEndObject();
        WriteOptional(writer, "app_uid", entry.ClientId);
        writer.WriteEndObject();

        writer.WriteStartObject("api");
        writer.WriteString("operation", entry.EventType);
        if (entry.CorrelationId is { } correlation)
        {
            writer.WriteStartObject("request");
            writer.WriteString("uid", correlation);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        if (entry.HttpMethod is not null || entry.RequestPath is not null || entry.UserAgent is not null)
        {
            writer.WriteStartObject("http_request");
            WriteOptional(writer, "http_method", entry.HttpMethod);
            if (entry.RequestPath is { } path)
            {
                writer.WriteStartObject("url");
                writer.WriteString("path", path);
                writer.WriteEndObject();
            }

            WriteOptional(writer, "user_agent", entry.UserAgent);
            writer.WriteEndObject();
        }

        if (entry.SourceIp is { } ip)
        {
            writer.WriteStartObject("src_endpoint");
            writer.WriteString("ip", ip);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("resources");
        writer.WriteStartObject();
        writer.WriteString("type", entry.ResourceType);
        writer.WriteString("uid", entry.ResourceId);
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartObject("unmapped");
        WriteOptional(writer, "operator_reason", entry.OperatorReason);
        WriteOptional(writer, "operator_ticket", entry.OperatorTicket);
        WriteOptional(writer, "operator_ticket_system", entry.OperatorTicketSystem);
        WriteOptional(writer, "ticket_url", entry.TicketUrl);
        WriteOptional(writer, "operator_reason_code", entry.OperatorReasonCode);
        WriteOptional(writer, "comment", entry.Comment);
        WriteOptional(writer, "token_id", entry.TokenId);
        WriteState(writer, "old_state", entry.OldState);
        WriteState(writer, "new_state", entry.NewState);
        writer.WriteString("previous_hash", entry.PreviousHash);
        writer.WriteString("content_hash", entry.ContentHash);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Changes to jobs, job types and quotas are updates; a token issued is a create; refusals and lockouts are "other".</summary>
    private static (int Id, string Name) Activity(string eventType) => eventType switch
    {
        AuditEventTypes.TokenIssued => (1, "Create"),
        _ when RefusalEvents.Includes(eventType) || eventType.StartsWith("authority.", StringComparison.Ordinal) => (99, "Other"),
        _ => (3, "Update"),
    };

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteState(Utf8JsonWriter writer, string name, string? state)
    {
        if (state is not null)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(state);
        }
    }
}
