namespace JobEngine.Core.Operators;

/// <summary>
/// That an operator action runs because others approved it: the approval request, who asked
/// for the action and who approved it. The action's entries name all three.
/// </summary>
public sealed record ApprovalGrant(Guid ApprovalId, string RequestedBy, IReadOnlyList<string> Approvers);
