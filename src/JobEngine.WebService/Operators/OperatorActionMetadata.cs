namespace JobEngine.WebService.Operators;

/// <summary>
/// Marks an endpoint as an operator action on a resource of <paramref name="ResourceType"/>
/// named by the route value <paramref name="RouteValue"/>, allowed with <paramref name="Scope"/>.
/// <see cref="OperatorActionFilter"/> checks the scope and records every refusal against it.
/// </summary>
internal sealed record OperatorActionMetadata(string ResourceType, string RouteValue, string Scope);

/// <summary>The JSON body an operator action reads (see <see cref="OperatorRequest{TBody}"/>), for the OpenAPI document.</summary>
internal sealed record OperatorActionBodyMetadata(Type BodyType, bool Optional);
