using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobEngine.WebService.Json;

/// <summary>
/// Writes every instant as UTC ISO 8601 with microseconds and a 'Z' (2026-11-29T05:53:58.972027Z),
/// the form the ledger hashes; reads any ISO 8601 instant with an offset.
/// </summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            || !HasExplicitOffset(text))
        {
            throw new JsonException("Expected an ISO 8601 instant with 'Z' or an offset.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));

    private static bool HasExplicitOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
