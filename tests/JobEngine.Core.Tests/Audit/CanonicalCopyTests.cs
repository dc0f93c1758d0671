using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using JobEngine.Core.Audit;

namespace JobEngine.Core.Tests.Audit;

/// <summary>
/// <see cref="CanonicalFormCheck.TryCopy"/> is a fast path of hashing: it may only say yes
/// for text that already is exactly what the long way writes.
/// </summary>
public sealed class CanonicalCopyTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{\"a\":1,\"b\":\"x\",\"c\":null,\"d\":true,\"e\":false}")]
    [InlineData("{\"attempts\":0,\"jobType\":\"report.build\",\"status\":\"Canceled\"}")]
    [InlineData("{\"a\":{\"a\":[1,-2,0,{\"x\":\"y\"}],\"b\":{}},\"b\":[]}")]
    [InlineData("{\"reason\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00 <tag> & 'quote'\"}")]
    [InlineData("{\"n\":9007199254740991,\"m\":-9007199254740991}")]
    [InlineData("{\"a\":\"say \\\"hi\\\" \\\\ \\b\\f\\n\\r\\t \\u0000\\u001f\\u000b\"}")]
    [InlineData("{\"a\":\"line\\nbreak\"}")]
    public void CanonicalText_IsCopiedAsIs(string json)
    {
        var expected = JsonCanonicalizer.ToText(JsonNode.Parse(json));
        var (copied, bytes) = TryCopy(json);

        Assert.Equal(expected == json, copied);
        if (copied)
        {
            Assert.Equal(expected, bytes);
        }
    }

    [Theory]
    [InlineData("{ \"a\":1}")]
    [InlineData("{\"a\": 1}")]
    [InlineData("{\"a\":1 }")]
    [InlineData("{\"a\":1}\n")]
    [InlineData("[1, 2]")]
    [InlineData("{\"b\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":{\"d\":1,\"c\":2}}")]
    [InlineData("{\"a\":\"caf\\u00e9\"}")]
    [InlineData("{\"a\":\"\\/\"}")]
    [InlineData("{\"a\":\"\\u000A\"}")]
    [InlineData("{\"a\":\"\\u000a\"}")]
    [InlineData("{\"a\":\"\\u001F\"}")]
    [InlineData("{\"a\":\"\\u0041\"}")]
    [InlineData("{\"caf\\u00e9\":1}")]
    [InlineData("{\"\u00e9\":1,\"z\":2}")]
    [InlineData("{\"a\":1.0}")]
    [InlineData("{\"a\":1e2}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":-0}")]
    [InlineData("{\"a\":9007199254740992}")]
    [InlineData("{\"a\":1")]
    [InlineData("not json")]
    [InlineData("")]
    public void AnythingElse_IsLeftToTheLongWay_AndNothingIsWritten(string json)
    {
        var buffer = new ArrayBufferWriter<byte>();

        Assert.False(CanonicalFormCheck.TryCopy(buffer, json));
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void ALoneSurrogate_IsLeftToTheLongWay()
    {
        var buffer = new ArrayBufferWriter<byte>();

        Assert.False(CanonicalFormCheck.TryCopy(buffer, "{\"a\":\"\ud83d\"}"));
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void StatesAsStored_TakeTheFastPath()
    {
        var state = JsonCanonicalizer.ToText(new JsonObject { ["status"] = "Canceled", ["cancelReason"] = "caf\u00e9 \"quoted\"", ["priority"] = 3 });

        Assert.True(TryCopy(state).Copied);
    }

    private static (bool Copied, string Text) TryCopy(string json)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var copied = CanonicalFormCheck.TryCopy(buffer, json);
        return (copied, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
