using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace JobEngine.Core.Operators;

/// <summary>
/// The change ticket an operator acts under: 1 to 128 characters matching
/// <c>^[A-Za-z0-9][A-Za-z0-9._:/#-]*$</c>. It is taken exactly as sent, never trimmed,
/// so that the ticket in the ledger is byte for byte the one in the change system.
/// </summary>
public readonly partial record struct OperatorTicket
{
    public const int MaxLength = 128;
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._:/#-]*$";

    private OperatorTicket(string value) => Value = value;

    public string Value { get; }

    /// <summary>Validates <paramref name="raw"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryCreate(string? raw, out OperatorTicket ticket, [NotNullWhen(false)] out string? error)
    {
        ticket = default;
        if (string.IsNullOrEmpty(raw))
        {
            error = "must not be empty";
            return false;
        }

        if (raw.Length > MaxLength)
        {
            error = $"must be at most {MaxLength} characters (got {raw.Length})";
            return false;
        }

        if (!TicketRegex().IsMatch(raw))
        {
            error = $"must match {Pattern}: start with a letter or digit, then only letters, digits and . _ : / # -";
            return false;
        }

        ticket = new OperatorTicket(raw);
        error = null;
        return true;
    }

    public override string ToString() => Value;

    // \z rather than $: '$' would also accept a trailing newline.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:/#-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TicketRegex();
}
