using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobEngine.Core.Audit;

/// <summary>
/// RFC 8785 (JSON Canonicalization Scheme) over the ledger's value space: objects, arrays,
/// strings, booleans, null and integers of magnitude below 2^53. Members are sorted by their
/// UTF-16 code units, strings escape only what JCS escapes, no white space. Other numbers are
/// refused rather than risk a form another implementation would write differently. Writes UTF-8
/// straight into a buffer. <see cref="CanonicalFormCheck"/> tells whether a text already is in this form.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>2^53 - 1: the largest integer every JSON implementation reads exactly.</summary>
    internal const long MaxSafeInteger = 9_007_199_254_740_991;

    /// <summary>The ASCII characters a JCS string escapes: quote, backslash and the C0 controls.</summary>
    private static readonly SearchValues<char> EscapedAscii = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(code => (char)code)) + "\"\\");

    public static byte[] ToUtf8(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, node);
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToText(JsonNode? node) => Encoding.UTF8.GetString(ToUtf8(node));

    public static void Write(IBufferWriter<byte> output, JsonNode? node, string? skipTopLevelMember = null)
    {
        if (node is null)
        {
            WriteAscii(output, "null");
            return;
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        Write(output, document.RootElement, skipTopLevelMember);
    }

    /// <summary>Writes <paramref name="element"/> canonically; <paramref name="skipMember"/> is left out of a top-level object.</summary>
    public static void Write(IBufferWriter<byte> output, JsonElement element, string? skipMember = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = element.EnumerateObject().Where(member => member.Name != skipMember).ToArray();
                Array.Sort(members, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                WriteAscii(output, "{");
                for (var i = 0; i < members.Length; i++)
                {
                    if (i > 0)
                    {
                        WriteAscii(output, ",");
                    }

                    WriteString(output, members[i].Name);
                    WriteAscii(output, ":");
                    Write(output, members[i].Value);
                }

                WriteAscii(output, "}");
                break;
            case JsonValueKind.Array:
                WriteAscii(output, "[");
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        WriteAscii(output, ",");
                    }

                    first = false;
                    Write(output, item);
                }

                WriteAscii(output, "]");
                break;
            case JsonValueKind.String:
                WriteString(output, element.GetString()!);
                break;
            case JsonValueKind.Number:
                WriteInteger(output, SafeInteger(element.GetRawText()));
                break;
            case JsonValueKind.True:
                WriteAscii(output, "true");
                break;
            case JsonValueKind.False:
                WriteAscii(output, "false");
                break;
            default:
                WriteAscii(output, "null");
                break;
        }
    }

    public static void WriteInteger(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        value.TryFormat(span, out var written, provider: CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    /// <summary>A JSON string as JCS writes it: quotes, backslash and C0 controls escaped, all else literal UTF-8.</summary>
    public static void WriteString(IBufferWriter<byte> output, string text)
    {
        WriteAscii(output, "\"");
        // Vectorized scans find what needs escaping or a pairing check; most strings need neither.
        var escaped = text.AsSpan().IndexOfAny(EscapedAscii);
        var surrogate = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (escaped < 0 && surrogate < 0)
        {
            WriteUtf8(output, text);
            WriteAscii(output, "\"");
            return;
        }

        var first = escaped < 0 ? surrogate : surrogate < 0 ? escaped : Math.Min(escaped, surrogate);

        var start = 0;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\\' || c < ' ')
            {
                WriteUtf8(output, text.AsSpan(start, i - start));
                WriteAscii(output, c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                });
                start = i + 1;
            }
            else if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    throw new NotSupportedException($"Unpaired surrogate U+{(int)c:X4} at position {i} cannot be canonicalized.");
                }

                i++;
            }
        }

        WriteUtf8(output, text.AsSpan(start));
        WriteAscii(output, "\"");
    }

    private static long SafeInteger(string text)
    {
        // The number's own JSON text decides: "7" is an integer, "7.0" and "7e0" are not.
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && Math.Abs(integer) <= MaxSafeInteger)
        {
            return integer;
        }

        throw new NotSupportedException($"Only integers of magnitude up to 2^53 - 1 belong to the ledger's values; got {text}.");
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var written = Encoding.UTF8.GetBytes(text, output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        output.Advance(written);
    }
}
