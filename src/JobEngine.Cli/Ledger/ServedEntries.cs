using System.Text.Json;
using System.Text.Json.Nodes;
using JobEngine.Core.Audit;

namespace JobEngine.Cli.Ledger;

/// <summary>Entries as the API serves and exports them, hashed by the ledger's own rule.</summary>
internal static class ServedEntries
{
    /// <summary>
    /// The entry's content hash, or "" when it holds a value no append could have written (a
    /// fraction, a lone surrogate): such an entry matches no stored hash, so it never verifies.
    /// </summary>
    public static string Recompute(JsonObject entry)
    {
        try
        {
            return AuditHasher.ContentHash(entry);
        }
        catch (Exception unhashable) when (unhashable is NotSupportedException or JsonException or InvalidOperationException)
        {
            return "";
        }
    }
}
