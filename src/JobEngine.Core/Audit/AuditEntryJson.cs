using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobEngine.Core.Audit;

/// <summary>
/// The JSON form of an entry exactly as served (camelCase members, instants as UTC with six
/// fractional digits and 'Z', states as nested objects), and its canonical form for hashing. Both
/// come from one list of members, so what is served is what is hashed. Members added after the
/// first entries were written are left out of an entry that has no value for them, rather than
/// served as null, so that those entries hash as they did.
/// </summary>
public static class AuditEntryJson
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
    public const string ContentHashMember = "contentHash";

    private enum Kind
    {
        Text,
        Integer,
        State,

        /// <summary>A member added after the contract's first table: omitted, not null, when absent, so older entries hash as before.</summary>
        AddedText,

        /// <summary>An added member holding a JSON array (stored as canonical text); omitted when absent.</summary>
        AddedList,
    }

    private static readonly (string Name, Kind Kind, Func<AuditEntry, object?> Value)[] Members =
    [
        ("entryId", Kind.Text, entry => entry.EntryId.ToString("D")),
        ("tenantId", Kind.Text, entry => entry.TenantId),
        ("sequence", Kind.Integer, entry => entry.Sequence),
        ("occurredAt", Kind.Text, entry => FormatTimestamp(entry.OccurredAt)),
        ("eventType", Kind.Text, entry => entry.EventType),
        ("resourceType", Kind.Text, entry => entry.ResourceType),
        ("resourceId", Kind.Text, entry => entry.ResourceId),
        ("actorId", Kind.Text, entry => entry.ActorId),
        ("actorType", Kind.Text, entry => entry.ActorType),
        ("clientId", Kind.Text, entry => entry.ClientId),
        ("tokenId", Kind.Text, entry => entry.TokenId),
        ("operatorReason", Kind.Text, entry => entry.OperatorReason),
        ("operatorTicket", Kind.Text, entry => entry.OperatorTicket),
        ("operatorTicketSystem", Kind.AddedText, entry => entry.OperatorTicketSystem),
        ("ticketUrl", Kind.AddedText, entry => entry.TicketUrl),
        ("operatorReasonCode", Kind.AddedText, entry => entry.OperatorReasonCode),
        ("comment", Kind.Text, entry => entry.Comment),
        ("description", Kind.Text, entry => entry.Description),
        ("oldState", Kind.State, entry => entry.OldState),
        ("newState", Kind.State, entry => entry.NewState),
        ("correlationId", Kind.Text, entry => entry.CorrelationId),
        ("httpMethod", Kind.Text, entry => entry.HttpMethod),
        ("requestPath", Kind.Text, entry => entry.RequestPath),
        ("sourceIp", Kind.Text, entry => entry.SourceIp),
        ("userAgent", Kind.Text, entry => entry.UserAgent),
        ("previousHash", Kind.Text, entry => entry.PreviousHash),
        ("approvalId", Kind.AddedText, entry => entry.ApprovalId),
        ("requestedBy", Kind.AddedText, entry => entry.RequestedBy),
        ("approvers", Kind.AddedList, entry => entry.Approvers),
        ("batchId", Kind.AddedText, entry => entry.BatchId),
    ];

    /// <summary>The members in canonical order, each with its name already written as <c>"name":</c> in UTF-8.</summary>
    private static readonly (byte[] Key, Kind Kind, Func<AuditEntry, object?> Value)[] CanonicalOrder =
        [.. Members.OrderBy(member => member.Name, StringComparer.Ordinal).Select(member => (CanonicalKey(member.Name), member.Kind, member.Value))];

    /// <summary>
    /// Writes the served object, with or without its <c>contentHash</c>. States are copied as
    /// stored (checked to be JSON on the way), not rebuilt: a page of entries costs no re-parse.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, AuditEntry entry, bool withContentHash = true)
    {
        writer.WriteStartObject();
        foreach (var (name, kind, value) in Members)
        {
            switch (value(entry))
            {
                case null when IsAdded(kind):
                    break;
                case null:
                    writer.WriteNull(name);
                    break;
                case string state when kind is Kind.State or Kind.AddedList:
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(state);
                    break;
                case string text:
                    writer.WriteString(name, text);
                    break;
                case long number:
                    writer.WriteNumber(name, number);
                    break;
                case var other:
                    throw new InvalidOperationException($"Unexpected {other.GetType()} for {name}.");
            }
        }

        if (withContentHash)
        {
            writer.WriteString(ContentHashMember, entry.ContentHash);
        }

        writer.WriteEndObject();
    }

    /// <summary>The served object as a JSON tree (for tests and tools; the API writes with <see cref="Write"/>).</summary>
    public static JsonObject ToJson(AuditEntry entry, bool withContentHash = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entry, withContentHash);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    /// <summary>Writes the RFC 8785 form of the entry as served, without <c>contentHash</c>.</summary>
    public static void WriteCanonical(IBufferWriter<byte> output, AuditEntry entry)
    {
        output.Write("{"u8);
        var first = true;
        foreach (var (key, kind, value) in CanonicalOrder)
        {
            var member = value(entry);
            if (member is null && IsAdded(kind))
            {
                continue;
            }

            if (!first)
            {
                output.Write(","u8);
            }

            first = false;
            output.Write(key);
            switch (member)
            {
                case null:
                    output.Write("null"u8);
                    break;
                case string state when kind is Kind.State or Kind.AddedList:
                    if (!CanonicalFormCheck.TryCopy(output, state))
                    {
                        using var document = JsonDocument.Parse(state);
                        JsonCanonicalizer.Write(output, document.RootElement);
                    }

                    break;
                case string text:
                    JsonCanonicalizer.WriteString(output, text);
                    break;
                case long number:
                    JsonCanonicalizer.WriteInteger(output, number);
                    break;
            }
        }

        output.Write("}"u8);
    }

    private static bool IsAdded(Kind kind) => kind is Kind.AddedText or Kind.AddedList;

    private static byte[] CanonicalKey(string name)
    {
        var key = new ArrayBufferWriter<byte>();
        JsonCanonicalizer.WriteString(key, name);
        key.Write(":"u8);
        return key.WrittenSpan.ToArray();
    }

    /// <summary>The instant in <see cref="TimestampFormat"/>, written digit by digit (hashing formats one per entry).</summary>
    public static string FormatTimestamp(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return string.Create(27, utc, static (chars, instant) =>
        {
            Digits(chars[..4], instant.Year);
            chars[4] = '-';
            Digits(chars.Slice(5, 2), instant.Month);
            chars[7] = '-';
            Digits(chars.Slice(8, 2), instant.Day);
            chars[10] = 'T';
            Digits(chars.Slice(11, 2), instant.Hour);
            chars[13] = ':';
            Digits(chars.Slice(14, 2), instant.Minute);
            chars[16] = ':';
            Digits(chars.Slice(17, 2), instant.Second);
            chars[19] = '.';
            Digits(chars.Slice(20, 6), (int)(instant.Ticks % TimeSpan.TicksPerSecond / 10));
            chars[26] = 'Z';
        });

        static void Digits(Span<char> into, int number)
        {
            for (var i = into.Length - 1; i >= 0; i--, number /= 10)
            {
                into[i] = (char)('0' + (number % 10));
            }
        }
    }
}
