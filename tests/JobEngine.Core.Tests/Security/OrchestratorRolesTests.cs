using JobEngine.Core.Security;

namespace JobEngine.Core.Tests.Security;

public sealed class OrchestratorRolesTests
{
    [Theory]
    [InlineData("Orch.Viewer", "orch:read")]
    [InlineData("Orch.Submitter", "orch:read orch:submit")]
    [InlineData("Orch.Worker", "orch:work")]
    [InlineData("Orch.Operator", "orch:read orch:operate")]
    [InlineData("Orch.Admin", "orch:read orch:operate orch:quota orch:approve")]
    [InlineData("Orch.Auditor", "orch:read orch:audit")]
    [InlineData("Orch.Approver", "orch:read orch:approve")]
    public void EachRole_GrantsExactlyTheContractScopes(string role, string scopes)
    {
        Assert.Equal(scopes.Split(' ').Order(), OrchestratorRoles.ScopesOf(role).Order());
    }

    [Fact]
    public void UnknownOrMiscasedRoles_GrantNothing()
    {
        Assert.False(OrchestratorRoles.IsKnown("orch.admin"));
        Assert.Empty(OrchestratorRoles.ScopesOf("orch.admin"));
    }

    [Fact]
    public void OnlyOperateQuotaAndApprove_RequireJustification()
    {
        Assert.Equal(
            ["orch:operate", "orch:quota", "orch:approve"],
            OrchestratorScopes.All.Where(OrchestratorScopes.RequiresOperatorJustification));
    }
}
