using System.Globalization;
using System.Text.Json.Nodes;

namespace JobEngine.WebService.Console;

/// <summary>Reads an entry exactly as the API served it (a JSON object, so that it still hashes as served).</summary>
public static class EntryFields
{
    public static string? Text(JsonObject entry, string name) =>
        entry[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : entry[name]?.ToJsonString();

    public static long Sequence(JsonObject entry) =>
        entry["sequence"] is JsonValue value && value.TryGetValue<long>(out var sequence) ? sequence : 0;

    /// <summary>The entry's time as the trail shows it: UTC to the second.</summary>
    public static string When(JsonObject entry) =>
        DateTimeOffset.TryParse(Text(entry, "occurredAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : Text(entry, "occurredAt") ?? "";
}
