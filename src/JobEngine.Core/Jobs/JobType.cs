using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace JobEngine.Core.Jobs;

/// <summary>
/// The name of a kind of job, e.g. <c>email.send</c>: 1 to 100 characters, letters, digits,
/// '.', '_', ':' and '-', starting with a letter or digit. Case-sensitive.
/// </summary>
public static partial class JobType
{
    public const int MaxLength = 100;

    public static bool IsValid(string? value, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(value))
        {
            error = "must not be empty";
            return false;
        }

        if (value.Length > MaxLength || !JobTypeRegex().IsMatch(value))
        {
            error = $"must be 1 to {MaxLength} characters: letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
            return false;
        }

        error = null;
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex JobTypeRegex();
}
