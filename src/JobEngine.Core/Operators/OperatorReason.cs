using System.Diagnostics.CodeAnalysis;
using JobEngine.Core.Text;

namespace JobEngine.Core.Operators;

/// <summary>
/// Why an operator acts: 1 to 256 characters after trimming, with no control characters.
/// The stored value is the trimmed one.
/// </summary>
public readonly record struct OperatorReason
{
    public const int MaxLength = 256;

    private OperatorReason(string value) => Value = value;

    public string Value { get; }

    /// <summary>Validates <paramref name="raw"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryCreate(string? raw, out OperatorReason reason, [NotNullWhen(false)] out string? error)
    {
        reason = default;
        var trimmed = raw?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "must not be empty or only white space";
            return false;
        }

        if (TextRule.TryFindForbidden(trimmed, out var index))
        {
            error = $"must not contain control characters ({TextRule.Describe(trimmed, index)})";
            return false;
        }

        var length = TextRule.CodePointLength(trimmed);
        if (length > MaxLength)
        {
            error = $"must be at most {MaxLength} characters after trimming (got {length})";
            return false;
        }

        reason = new OperatorReason(trimmed);
        error = null;
        return true;
    }

    public override string ToString() => Value;
}
