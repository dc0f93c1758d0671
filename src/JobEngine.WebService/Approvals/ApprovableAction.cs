namespace JobEngine.WebService.Approvals;

/// <summary>Marks an operator action endpoint with the name approval policies use for it (<c>job.cancel</c>, …).</summary>
internal sealed record ApprovableActionMetadata(string Action);

internal static class ApprovableAction
{
    /// <summary>Puts the endpoint under any approval policy for <paramref name="action"/> (<see cref="ApprovalPolicyFilter"/>).</summary>
    public static RouteHandlerBuilder Approvable(this RouteHandlerBuilder endpoint, string action) =>
        endpoint.WithMetadata(new ApprovableActionMetadata(action))
            .Produces<ApprovalResponse>(StatusCodes.Status202Accepted);
}
