using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobEngine.Core.Audit;

/// <summary>
/// The ledger's hash rule: <c>contentHash</c> is the lowercase hex SHA-256 of the RFC 8785
/// canonical JSON of the entry as served, without <c>contentHash</c>; <c>previousHash</c> is the
/// previous entry's <c>contentHash</c> (64 zeros for sequence 1).
/// </summary>
public static class AuditHasher
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    public static string ContentHash(AuditEntry entry)
    {
        var buffer = Buffer();
        AuditEntryJson.WriteCanonical(buffer, entry);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>The hash of a served entry object (as read from an export); its <c>contentHash</c> member is left out.</summary>
    public static string ContentHash(JsonObject served)
    {
        var buffer = Buffer();
        JsonCanonicalizer.Write(buffer, served, skipTopLevelMember: AuditEntryJson.ContentHashMember);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>
    /// The hash of an entry as someone else served it, or "" when it holds a value no append could have written (a
    /// fraction, a lone surrogate): such an entry matches no stored hash, so it never verifies.
    /// </summary>
    public static string ContentHashOfServed(JsonObject served)
    {
        try
        {
            return ContentHash(served);
        }
        catch (Exception unhashable) when (unhashable is NotSupportedException or JsonException or InvalidOperationException)
        {
            return "";
        }
    }

    private static ArrayBufferWriter<byte> Buffer()
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        return buffer;
    }
}
