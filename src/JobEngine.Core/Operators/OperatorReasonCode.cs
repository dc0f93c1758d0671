using System.Diagnostics.CodeAnalysis;

namespace JobEngine.Core.Operators;

/// <summary>
/// The kind of reason an operator acts for, from a fixed list, so that actions can be grouped
/// without reading the free-text reason: <c>incident</c>, <c>change</c>, <c>maintenance</c>,
/// <c>customer-request</c>, <c>security</c>, <c>test</c>. Compared exactly (lower case).
/// </summary>
public readonly record struct OperatorReasonCode
{
    public const string Incident = "incident";
    public const string Change = "change";
    public const string Maintenance = "maintenance";
    public const string CustomerRequest = "customer-request";
    public const string Security = "security";
    public const string Test = "test";

    public static readonly IReadOnlyList<string> All = [Incident, Change, Maintenance, CustomerRequest, Security, Test];

    private OperatorReasonCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Validates <paramref name="raw"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryCreate(string? raw, out OperatorReasonCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        if (raw is null || !All.Contains(raw, StringComparer.Ordinal))
        {
            error = $"must be one of {string.Join(", ", All)}";
            return false;
        }

        code = new OperatorReasonCode(raw);
        error = null;
        return true;
    }

    public override string ToString() => Value;
}
