using System.Text.RegularExpressions;

namespace JobEngine.Authority.People;

/// <summary>
/// What a local user may be called: the <c>sub</c> of their tokens and the <c>actorId</c> of their
/// ledger entries. No ':', which separates an upstream provider's name from its subject.
/// </summary>
internal static partial class PersonName
{
    public const int MaxLength = 64;
    public const string Rule = "must be 1 to 64 characters: letters, digits, '.', '_', '@' or '-', starting with a letter or digit";

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && NameRegex().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
