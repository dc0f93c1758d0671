using System.Text.Json;
using System.Text.Json.Serialization;
using JobEngine.Core.Audit;

namespace JobEngine.WebService.Json;

/// <summary>
/// Writes every instant as UTC ISO 8601 with microseconds and a 'Z' (2026-11-29T05:53:58.972027Z),
/// the form the ledger hashes; reads any ISO 8601 instant with an offset.
/// </summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return Instants.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException("Expected an ISO 8601 instant with 'Z' or an offset.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(AuditEntryJson.FormatTimestamp(value));
}
