using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.WebService.Paging;

/// <summary>
/// Opaque keyset cursors: the last key of a page, tagged with what it is a key of, so a cursor
/// of one list is refused by another.
/// </summary>
internal static class Cursor
{
    public static string Encode(string list, string lastKey) =>
        Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes($"{list}:{lastKey}"));

    public static bool TryDecode(string? cursor, string list, [NotNullWhen(true)] out string? lastKey)
    {
        lastKey = null;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 512)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        var prefix = list + ":";
        if (!decoded.StartsWith(prefix, StringComparison.Ordinal) || decoded.Length == prefix.Length)
        {
            return false;
        }

        lastKey = decoded[prefix.Length..];
        return true;
    }
}
