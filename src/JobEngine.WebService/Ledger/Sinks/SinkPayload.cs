using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using JobEngine.Core.Audit;

namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>Entries in a sink's format, as a JSON array (webhooks) or as lines (files).</summary>
internal static class SinkPayload
{
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Array(IReadOnlyList<AuditEntry> entries, SinkFormat format)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Json))
        {
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                Write(writer, entry, format);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Lines(IReadOnlyList<AuditEntry> entries, SinkFormat format)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, Json);
        foreach (var entry in entries)
        {
            Write(writer, entry, format);
            writer.Flush();
            writer.Reset();
            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, AuditEntry entry, SinkFormat format)
    {
        if (format == SinkFormat.Ocsf)
        {
            OcsfApiActivity.Write(writer, entry);
        }
        else
        {
            AuditEntryJson.Write(writer, entry);
        }
    }
}

internal enum SinkFormat
{
    JobEngine,
    Ocsf,
}
