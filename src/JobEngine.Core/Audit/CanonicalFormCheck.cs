using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace JobEngine.Core.Audit;

/// <summary>
/// Tells, without allocating, whether a JSON text already is in the canonical form
/// <see cref="JsonCanonicalizer"/> writes, so that a stored state can be hashed as it is. It may
/// only say yes when the canonicalizer would write the same bytes; when in doubt it says no.
/// </summary>
public static class CanonicalFormCheck
{
    private const int MaxCheckedDepth = 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Copies <paramref name="json"/> as it is when it already is in canonical form (what the
    /// ledger stores), and returns false, writing nothing, when it is not or when this check
    /// cannot tell (escaped strings, non-ASCII names, deep nesting): the caller then canonicalizes
    /// it the long way. A fast path only: both ways give the same bytes.
    /// </summary>
    public static bool TryCopy(IBufferWriter<byte> output, string json)
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
               && Math.Abs(value) <= JsonCanonicalizer.MaxSafeInteger;
    }
}
