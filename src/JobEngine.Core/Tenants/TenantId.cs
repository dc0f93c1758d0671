using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace JobEngine.Core.Tenants;

/// <summary>
/// A tenant identifier: 1 to 64 characters, lowercase letters, digits, '-' and '_',
/// starting with a letter or digit. Tenants lead every key in the store.
/// </summary>
public readonly partial record struct TenantId
{
    public const int MaxLength = 64;

    private TenantId(string value) => Value = value;

    public string Value { get; }

    public static bool TryCreate(string? raw, out TenantId tenant, [NotNullWhen(false)] out string? error)
    {
        tenant = default;
        if (string.IsNullOrEmpty(raw))
        {
            error = "must not be empty";
            return false;
        }

        if (raw.Length > MaxLength || !TenantRegex().IsMatch(raw))
        {
            error = $"must be 1 to {MaxLength} characters: lowercase letters, digits, '-' or '_', starting with a letter or digit";
            return false;
        }

        tenant = new TenantId(raw);
        error = null;
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TenantRegex();
}
