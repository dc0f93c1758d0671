using System.Globalization;
using System.Text;

namespace JobEngine.Core.Text;

/// <summary>
/// The one rule for text that people write into the ledger or that the ledger takes from a
/// request (reasons, comments, a worker's error, header values): no character of Unicode's
/// categories Cc (controls), Cf (format: bidi overrides, zero-width characters, the byte order
/// mark), Zl or Zp (line and paragraph separators), and no unpaired surrogate. Such characters
/// can make a record read differently from what it stores.
/// </summary>
public static class TextRule
{
    private const char Replacement = '\uFFFD';

    /// <summary>Finds the first forbidden character; <paramref name="index"/> is its UTF-16 position.</summary>
    public static bool TryFindForbidden(string value, out int index)
    {
        for (index = 0; index < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                || IsForbidden(rune))
            {
                return true;
            }

            index += consumed;
        }

        index = -1;
        return false;
    }

    /// <summary>
    /// A value taken from a request header as the ledger keeps it: forbidden characters replaced by
    /// U+FFFD, then cut to <paramref name="maxLength"/> UTF-16 code units (never inside a pair).
    /// </summary>
    public static string? Sanitize(string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        for (var index = 0; index < value.Length && builder.Length < maxLength;)
        {
            var status = Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done || IsForbidden(rune))
            {
                builder.Append(Replacement);
            }
            else if (builder.Length + rune.Utf16SequenceLength <= maxLength)
            {
                builder.Append(value, index, consumed);
            }
            else
            {
                break;
            }

            index += Math.Max(consumed, 1);
        }

        return builder.ToString();
    }

    /// <summary>Length in Unicode code points, so that a limit means the same for every script.</summary>
    public static int CodePointLength(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Names a forbidden character for an error message (never the character itself).</summary>
    public static string Describe(string value, int index)
    {
        var code = Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out _) == System.Buffers.OperationStatus.Done ? rune.Value : value[index];
        return $"U+{code:X4} at position {index + 1}";
    }

    private static bool IsForbidden(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
