using System.Collections.Frozen;

namespace JobEngine.Core.Security;

/// <summary>The roles a client may be registered with, and the scopes each one grants.</summary>
public static class OrchestratorRoles
{
    public const string Viewer = "Orch.Viewer";
    public const string Submitter = "Orch.Submitter";
    public const string Worker = "Orch.Worker";
    public const string Operator = "Orch.Operator";
    public const string Admin = "Orch.Admin";
    public const string Auditor = "Orch.Auditor";
    public const string Approver = "Orch.Approver";

    private static readonly FrozenDictionary<string, FrozenSet<string>> ScopesByRole =
        new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
        {
            [Viewer] = FrozenSet.Create(StringComparer.Ordinal, OrchestratorScopes.Read),
            [Submitter] = FrozenSet.Create(StringComparer.Ordinal, OrchestratorScopes.Read, OrchestratorScopes.Submit),
            [Worker] = FrozenSet.Create(StringComparer.Ordinal, OrchestratorScopes.Work),
            [Operator] = FrozenSet.Create(StringComparer.Ordinal, OrchestratorScopes.Read, OrchestratorScopes.Operate),
            [Admin] = FrozenSet.Create(StringComparer.Ordinal, OrchestratorScopes.Read, OrchestratorScopes.Operate, OrchestratorScopes.Quota, OrchestratorScopes.Approve),
            [Auditor] = FrozenSet.Create(StringComparer.Ordinal, OrchestratorScopes.Read, OrchestratorScopes.Audit),
            [Approver] = FrozenSet.Create(StringComparer.Ordinal, OrchestratorScopes.Read, OrchestratorScopes.Approve),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every role, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Submitter, Worker, Operator, Admin, Auditor, Approver];

    /// <summary>Whether <paramref name="role"/> is one of the roles (case-sensitive).</summary>
    public static bool IsKnown(string role) => ScopesByRole.ContainsKey(role);

    /// <summary>The scopes <paramref name="role"/> grants; empty for an unknown role.</summary>
    public static IReadOnlySet<string> ScopesOf(string role) =>
        ScopesByRole.TryGetValue(role, out var scopes) ? scopes : FrozenSet<string>.Empty;

    /// <summary>The union of the scopes granted by <paramref name="roles"/>.</summary>
    public static IReadOnlySet<string> ScopesGrantedBy(IEnumerable<string> roles) =>
        roles.SelectMany(ScopesOf).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether any of <paramref name="roles"/> grants <paramref name="scope"/>.</summary>
    public static bool AnyGrants(IEnumerable<string> roles, string scope) =>
        roles.Any(role => ScopesOf(role).Contains(scope));
}
