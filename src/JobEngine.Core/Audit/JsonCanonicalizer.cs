using System.Buffers;
using System.Buffers.Text;
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
/// straight into a buffer.
/// </summary>
public static class JsonCanonicalizer
{
    private const long MaxSafeInteger = 9_007_199_254_740_991;
    private const int MaxCheckedDepth = 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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

    /// <summary>
    /// Copies <paramref name="json"/> as it is when it already is in canonical form (what the
    /// ledger stores), and returns false, writing nothing, when it is not or when this check
    /// cannot tell (escaped strings, non-ASCII names, deep nesting): the caller then canonicalizes
    /// it the long way. A fast path only: both ways give the same bytes.
    /// </summary>
    public static bool TryCopyCanonical(IBufferWriter<byte> output, string json)
    {
        var span = output.GetSpan(StrictUtf8.GetMaxByteCount(json.Length));
        int length;
        try
        {
            if (!StrictUtf8.TryGetBytes(json, span, out length) || !IsCanonical(span[..length]))
            {
                return false;
            }
        }
        catch (EncoderFallbackException)
        {
            // A lone surrogate: left to the long way, which refuses it.
            return false;
        }

        output.Advance(length);
        return true;
    }

    private static bool IsCanonical(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxCheckedDepth });
        Span<int> lastNameStart = stackalloc int[MaxCheckedDepth + 2];
        Span<int> lastNameLength = stackalloc int[MaxCheckedDepth + 2];
        long end = 0;
        try
        {
            while (reader.Read())
            {
                // No white space: each token starts where the previous ended, or one ',' or ':' later.
                var gap = reader.TokenStartIndex - end;
                if (gap < 0 || gap > 1 || (gap == 1 && json[(int)end] is not ((byte)',' or (byte)':')))
                {
                    return false;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        lastNameStart[reader.CurrentDepth + 1] = -1;
                        end = reader.TokenStartIndex + 1;
                        break;
                    case JsonTokenType.StartArray:
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        end = reader.TokenStartIndex + 1;
                        break;
                    case JsonTokenType.PropertyName:
                        var depth = reader.CurrentDepth;
                        var start = (int)reader.TokenStartIndex + 1;
                        var name = reader.ValueSpan;
                        if (reader.ValueIsEscaped || !Ascii.IsValid(name)
                            || (lastNameStart[depth] >= 0 && name.SequenceCompareTo(json.Slice(lastNameStart[depth], lastNameLength[depth])) <= 0))
                        {
                            // Escaped or non-ASCII names, or names not strictly in order (ASCII bytes order as UTF-16 does).
                            return false;
                        }

                        lastNameStart[depth] = start;
                        lastNameLength[depth] = name.Length;
                        end = reader.TokenStartIndex + name.Length + 2;
                        break;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped && !HasOnlyJcsEscapes(reader.ValueSpan))
                        {
                            return false;
                        }

                        end = reader.TokenStartIndex + reader.ValueSpan.Length + 2;
                        break;
                    case JsonTokenType.Number:
                        if (!IsCanonicalInteger(reader.ValueSpan))
                        {
                            return false;
                        }

                        end = reader.TokenStartIndex + reader.ValueSpan.Length;
                        break;
                    default:
                        end = reader.TokenStartIndex + reader.ValueSpan.Length;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return end == json.Length;
    }

    /// <summary>
    /// The escapes of a raw string value are exactly those JCS writes: <c>\"</c>, <c>\\</c>, the
    /// short forms of backspace, form feed, line feed, carriage return and tab, and <c>\u00xx</c> in
    /// lowercase hex for the other C0 controls. Anything else escaped (<c>\/</c>, <c>\u00e9</c>) is
    /// written literally by JCS, so the text is not canonical.
    /// </summary>
    private static bool HasOnlyJcsEscapes(ReadOnlySpan<byte> raw)
    {
        for (var i = raw.IndexOf((byte)'\\'); i >= 0; i = raw.IndexOf((byte)'\\'))
        {
            if (i + 1 >= raw.Length)
            {
                return false;
            }

            switch (raw[i + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    raw = raw[(i + 2)..];
                    break;
                case (byte)'u' when i + 6 <= raw.Length && raw[(i + 2)..(i + 4)].SequenceEqual("00"u8)
                                    && raw[i + 4] is (byte)'0' or (byte)'1' && IsLowerHex(raw[i + 5])
                                    && !IsShortEscaped((byte)(((raw[i + 4] - '0') << 4) | HexValue(raw[i + 5]))):
                    raw = raw[(i + 6)..];
                    break;
                default:
                    return false;
            }
        }

        return true;

        static bool IsLowerHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f';
        static int HexValue(byte b) => b <= '9' ? b - '0' : b - 'a' + 10;
        static bool IsShortEscaped(byte control) => control is (byte)'\b' or (byte)'\f' or (byte)'\n' or (byte)'\r' or (byte)'\t';
    }

    /// <summary>An integer as JCS writes it: no sign but '-', no leading zero, no "-0", magnitude up to 2^53 - 1.</summary>
    private static bool IsCanonicalInteger(ReadOnlySpan<byte> text)
    {
        var digits = text.Length > 0 && text[0] == (byte)'-' ? text[1..] : text;
        return digits.Length is > 0 and <= 16
               && (digits[0] != (byte)'0' || (digits.Length == 1 && digits.Length == text.Length))
               && Utf8Parser.TryParse(text, out long value, out var consumed)
               && consumed == text.Length
               && Math.Abs(value) <= MaxSafeInteger;
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
