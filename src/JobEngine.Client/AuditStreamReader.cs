using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace JobEngine.Client;

/// <summary>What <c>GET /api/v1/audit/stream</c> says: an entry, or that the history is written and live entries follow.</summary>
public abstract record AuditStreamItem
{
    public sealed record Entry(long Sequence, JsonObject Value) : AuditStreamItem;

    public sealed record CaughtUp : AuditStreamItem;
}

/// <summary>
/// Reads the ledger's Server-Sent Events: <c>entry</c> events, and the <c>caught-up</c> comment
/// that ends the history. Other comments (heartbeats) and unknown events are skipped, as the
/// format asks of a reader.
/// </summary>
internal static class AuditStreamReader
{
    public static async IAsyncEnumerable<AuditStreamItem> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? type = null;
        StringBuilder? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (type is "entry" && data is not null && JsonNode.Parse(data.ToString()) is JsonObject entry
                    && entry["sequence"]?.GetValue<long>() is { } sequence)
                {
                    yield return new AuditStreamItem.Entry(sequence, entry);
                }

                (type, data) = (null, null);
            }
            else if (line.StartsWith(':'))
            {
                if (line.AsSpan(1).Trim().SequenceEqual("caught-up"))
                {
                    yield return new AuditStreamItem.CaughtUp();
                }
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].TrimStart(' ');
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var value = line["data:".Length..].TrimStart(' ');
                data = data is null ? new StringBuilder(value) : data.Append('\n').Append(value);
            }
        }
    }
}
