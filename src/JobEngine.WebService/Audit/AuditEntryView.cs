using System.Text.Json;
using System.Text.Json.Serialization;
using JobEngine.Core.Audit;

namespace JobEngine.WebService.Audit;

/// <summary>An entry as the API serves it: written by <see cref="AuditEntryJson.Write"/>, the one definition of its members.</summary>
[JsonConverter(typeof(AuditEntryViewConverter))]
internal sealed record AuditEntryView(AuditEntry Entry);

internal sealed class AuditEntryViewConverter : JsonConverter<AuditEntryView>
{
    public override AuditEntryView Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Audit entries are written by the ledger, never read from a request.");

    public override void Write(Utf8JsonWriter writer, AuditEntryView value, JsonSerializerOptions options) =>
        AuditEntryJson.Write(writer, value.Entry);
}
