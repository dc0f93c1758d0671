using System.ComponentModel.DataAnnotations;
using JobEngine.Core.Approvals;

namespace JobEngine.Application.Approvals;

/// <summary>Which operator actions need a second person (<c>JobEngine:Approvals</c>).</summary>
public sealed class ApprovalOptions : IValidatableObject
{
    public const string SectionName = "JobEngine:Approvals";

    public List<ApprovalPolicy> Policies { get; set; } = [];

    /// <summary>How often a process looks for pending requests past their expiry and records them expired.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The policy that holds <paramref name="action"/> of <paramref name="tenantId"/> back, if any (a policy without tenants holds every tenant's).</summary>
    public ApprovalPolicy? Find(string action, string tenantId) =>
        Policies.FirstOrDefault(policy => string.Equals(policy.Action, action, StringComparison.Ordinal)
                                          && (policy.Tenants.Count == 0 || policy.Tenants.Contains(tenantId, StringComparer.Ordinal)));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SweepInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{SectionName}:SweepInterval must be positive.", [nameof(SweepInterval)]);
        }

        for (var i = 0; i < Policies.Count; i++)
        {
            var policy = Policies[i];
            var key = $"{SectionName}:Policies:{i}";
            if (!OperatorActionNames.All.Contains(policy.Action, StringComparer.Ordinal))
            {
                yield return new ValidationResult(
                    $"{key}:Action: '{policy.Action}' is not an operator action; use one of {string.Join(", ", OperatorActionNames.All)}.", [nameof(Policies)]);
            }

            if (policy.MinimumApprovers is < 1 or > ApprovalPolicy.MaxApprovers)
            {
                yield return new ValidationResult($"{key}:MinimumApprovers must be between 1 and {ApprovalPolicy.MaxApprovers}.", [nameof(Policies)]);
            }

            if (policy.ExpiresAfter <= TimeSpan.Zero || policy.ExpiresAfter > TimeSpan.FromDays(30))
            {
                yield return new ValidationResult($"{key}:ExpiresAfter must be between 00:00:01 and 30.00:00:00.", [nameof(Policies)]);
            }
        }
    }
}

/// <summary>One action that needs <see cref="MinimumApprovers"/> people besides its requester, for the listed tenants (all when none).</summary>
public sealed class ApprovalPolicy
{
    public const int MaxApprovers = 10;

    public string Action { get; set; } = "";

    public List<string> Tenants { get; set; } = [];

    public int MinimumApprovers { get; set; } = 1;

    public TimeSpan ExpiresAfter { get; set; } = TimeSpan.FromHours(24);
}
