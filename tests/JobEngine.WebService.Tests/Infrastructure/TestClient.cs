namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>A client registered through <c>JobEngine:Bootstrap:Clients</c> for the tests.</summary>
public sealed record TestClient(string ClientId, string Secret, string[] Tenants, string[] Roles)
{
    public static readonly TestClient Operator = new("acme-operator", "acme-operator-test-secret", ["acme"], ["Orch.Operator"]);
    public static readonly TestClient Admin = new("acme-admin", "acme-admin-test-secret", ["acme"], ["Orch.Admin"]);
    public static readonly TestClient Viewer = new("acme-viewer", "acme-viewer-test-secret", ["acme"], ["Orch.Viewer"]);
    public static readonly TestClient Worker = new("acme-worker", "acme-worker-test-secret", ["acme"], ["Orch.Worker"]);
    public static readonly TestClient Submitter = new("acme-submitter", "acme-submitter-test-secret", ["acme"], ["Orch.Submitter"]);
    public static readonly TestClient GlobexSubmitter = new("globex-submitter", "globex-submitter-test-secret", ["globex"], ["Orch.Submitter"]);
    public static readonly TestClient GlobexWorker = new("globex-worker", "globex-worker-test-secret", ["globex"], ["Orch.Worker"]);
    public static readonly TestClient GlobexOperator = new("globex-operator", "globex-operator-test-secret", ["globex"], ["Orch.Admin"]);
    public static readonly TestClient Auditor = new("acme-auditor", "acme-auditor-test-secret", ["acme"], ["Orch.Auditor"]);
    public static readonly TestClient GlobexAuditor = new("globex-auditor", "globex-auditor-test-secret", ["globex"], ["Orch.Auditor"]);
    public static readonly TestClient Approver = new("acme-approver", "acme-approver-test-secret", ["acme"], ["Orch.Approver"]);
    public static readonly TestClient SecondApprover = new("acme-approver-2", "acme-approver-2-test-secret", ["acme"], ["Orch.Approver"]);
    public static readonly TestClient GlobexApprover = new("globex-approver", "globex-approver-test-secret", ["globex"], ["Orch.Approver"]);
    public static readonly TestClient MultiTenant = new("platform-ops", "platform-ops-test-secret", ["acme", "globex"], ["Orch.Operator", "Orch.Auditor"]);

    public static IReadOnlyList<TestClient> All { get; } =
        [Operator, Admin, Viewer, Worker, Submitter, Auditor, GlobexSubmitter, GlobexWorker, GlobexOperator, GlobexAuditor, MultiTenant,
        Approver, SecondApprover, GlobexApprover];
}
