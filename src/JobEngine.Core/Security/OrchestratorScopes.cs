namespace JobEngine.Core.Security;

/// <summary>The OAuth scopes that protect the JobEngine API.</summary>
public static class OrchestratorScopes
{
    public const string Read = "orch:read";
    public const string Submit = "orch:submit";
    public const string Work = "orch:work";
    public const string Operate = "orch:operate";
    public const string Quota = "orch:quota";
    public const string Audit = "orch:audit";

    /// <summary>Approving or rejecting another person's operator action that an approval policy holds back.</summary>
    public const string Approve = "orch:approve";

    /// <summary>Every scope the Authority knows, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [Read, Submit, Work, Operate, Quota, Audit, Approve];

    /// <summary>
    /// Scopes that allow operator control actions, approving them included: a token carrying one
    /// of them must also carry an operator reason and a change ticket.
    /// </summary>
    public static bool RequiresOperatorJustification(string scope) =>
        scope is Operate or Quota or Approve;
}
