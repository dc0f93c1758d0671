using JobEngine.WebService.Operators;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JobEngine.WebService.OpenApi;

/// <summary>
/// Describes the JSON body of each operator action, which the action binds itself
/// (<see cref="OperatorRequest{TBody}"/>) so that a bad body is recorded like any refusal.
/// </summary>
internal sealed class OperatorActionBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<OperatorActionBodyMetadata>().FirstOrDefault() is not { } body)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(body.BodyType, null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = !body.Optional,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }
}
