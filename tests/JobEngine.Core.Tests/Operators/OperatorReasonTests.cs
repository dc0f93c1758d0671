using JobEngine.Core.Operators;

namespace JobEngine.Core.Tests.Operators;

public sealed class OperatorReasonTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0\u2003")]
    public void Blank_IsRefused(string? raw)
    {
        Assert.False(OperatorReason.TryCreate(raw, out _, out var error));
        Assert.Contains("empty", error);
    }

    [Fact]
    public void Value_IsTrimmed()
    {
        Assert.True(OperatorReason.TryCreate("  restart stuck worker \t", out var reason, out _));
        Assert.Equal("restart stuck worker", reason.Value);
    }

    [Fact]
    public void LengthLimit_CountsCodePointsAfterTrimming()
    {
        var astral = string.Concat(Enumerable.Repeat("😀", 256));

        Assert.True(OperatorReason.TryCreate($" {astral} ", out var reason, out _));
        Assert.Equal(astral, reason.Value);
        Assert.False(OperatorReason.TryCreate(astral + "x", out _, out var error));
        Assert.Contains("257", error);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\rb")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u009Bb")]
    [InlineData("a\u2066b")]
    [InlineData("a\u200Fb")]
    public void ControlAndBidiCharacters_AreRefused(string raw)
    {
        Assert.False(OperatorReason.TryCreate(raw, out _, out var error));
        Assert.Contains("control characters", error);
        Assert.Contains("position 2", error);
    }

    [Fact]
    public void UnpairedSurrogate_IsRefused()
    {
        Assert.False(OperatorReason.TryCreate("broken \uD83D text", out _, out _));
    }

    [Theory]
    [InlineData("maintenance")]
    [InlineData("Wartung: Knoten neu starten (Störung #4711)")]
    [InlineData("再起動のため")]
    public void ReadableText_IsAccepted(string raw)
    {
        Assert.True(OperatorReason.TryCreate(raw, out var reason, out _));
        Assert.Equal(raw, reason.Value);
    }
}
