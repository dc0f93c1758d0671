namespace JobEngine.WebService.Operators;

/// <summary>
/// Marks an endpoint as an operator action on a resource of <paramref name="ResourceType"/>
/// named by the route value <paramref name="RouteValue"/>, so a refusal can be recorded against it.
/// </summary>
internal sealed record OperatorActionMetadata(string ResourceType, string RouteValue);
