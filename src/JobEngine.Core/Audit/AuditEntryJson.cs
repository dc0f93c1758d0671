using System.Globalization;
using System.Text.Json.Nodes;

namespace JobEngine.Core.Audit;

/// <summary>
/// The JSON form of an entry exactly as served (camelCase members, instants as UTC with six
/// fractional digits and 'Z', states as nested objects). Hashing and serving both use it, so an
/// entry hashes the same wherever it is read.
/// </summary>
public static class AuditEntryJson
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
    public const string ContentHashMember = "contentHash";

    /// <summary>The served object, with or without its <c>contentHash</c>.</summary>
    public static JsonObject ToJson(AuditEntry entry, bool withContentHash = true)
    {
        var json = new JsonObject
        {
            ["entryId"] = entry.EntryId.ToString("D"),
            ["tenantId"] = entry.TenantId,
            ["sequence"] = entry.Sequence,
            ["occurredAt"] = FormatTimestamp(entry.OccurredAt),
            ["eventType"] = entry.EventType,
            ["resourceType"] = entry.ResourceType,
            ["resourceId"] = entry.ResourceId,
            ["actorId"] = entry.ActorId,
            ["actorType"] = entry.ActorType,
            ["clientId"] = entry.ClientId,
            ["tokenId"] = entry.TokenId,
            ["operatorReason"] = entry.OperatorReason,
            ["operatorTicket"] = entry.OperatorTicket,
            ["comment"] = entry.Comment,
            ["description"] = entry.Description,
            ["oldState"] = ParseState(entry.OldState),
            ["newState"] = ParseState(entry.NewState),
            ["correlationId"] = entry.CorrelationId,
            ["httpMethod"] = entry.HttpMethod,
            ["requestPath"] = entry.RequestPath,
            ["sourceIp"] = entry.SourceIp,
            ["userAgent"] = entry.UserAgent,
            ["previousHash"] = entry.PreviousHash,
        };

        if (withContentHash)
        {
            json[ContentHashMember] = entry.ContentHash;
        }

        return json;
    }

    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static JsonNode? ParseState(string? state) => state is null ? null : JsonNode.Parse(state);
}
