using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobEngine.Core.Audit;

/// <summary>
/// RFC 8785 (JSON Canonicalization Scheme) over the ledger's value space: objects, arrays,
/// strings, booleans, null and integers of magnitude below 2^53. Members are sorted by their
/// UTF-16 code units, strings escape only what JCS escapes, no white space. Other numbers are
/// refused rather than risk a form another implementation would write differently.
/// </summary>
public static class JsonCanonicalizer
{
    private const long MaxSafeInteger = 9_007_199_254_740_991;

    public static byte[] ToUtf8(JsonNode? node) => Encoding.UTF8.GetBytes(ToText(node));

    public static string ToText(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (name, value) in obj.OrderBy(member => member.Key, StringComparer.Ordinal))
                {
                    builder.Append(first ? "" : ",");
                    first = false;
                    WriteString(builder, name);
                    builder.Append(':');
                    Write(builder, value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ",");
                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(builder, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            case JsonValueKind.Number:
                builder.Append(SafeInteger(value).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException($"A {value.GetValueKind()} value cannot be canonicalized.");
        }
    }

    private static long SafeInteger(JsonValue value)
    {
        // The number's own JSON text decides: "7" is an integer, "7.0" and "7e0" are not.
        var text = value.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && Math.Abs(integer) <= MaxSafeInteger)
        {
            return integer;
        }

        throw new NotSupportedException($"Only integers of magnitude up to 2^53 - 1 belong to the ledger's values; got {text}.");
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
                    {
                        throw new NotSupportedException($"Unpaired surrogate U+{(int)c:X4} at position {i} cannot be canonicalized.");
                    }

                    builder.Append(c);
                    if (char.IsHighSurrogate(c))
                    {
                        builder.Append(text[++i]);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
