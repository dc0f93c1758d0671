using System.Diagnostics.CodeAnalysis;
using JobEngine.Core.Text;

namespace JobEngine.Core.Operators;

/// <summary>
/// The optional free-text comment on an operator action: at most 1000 characters after trimming,
/// no control characters. Blank means no comment.
/// </summary>
public static class OperatorComment
{
    public const int MaxLength = 1000;

    public static bool TryNormalize(string? raw, out string? comment, [NotNullWhen(false)] out string? error)
    {
        comment = string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
        error = null;
        if (comment is null)
        {
            return true;
        }

        if (TextRule.TryFindForbidden(comment, out var index))
        {
            error = $"must not contain control characters ({TextRule.Describe(comment, index)})";
            return false;
        }

        if (TextRule.CodePointLength(comment) > MaxLength)
        {
            error = $"must be at most {MaxLength} characters";
            return false;
        }

        return true;
    }
}
