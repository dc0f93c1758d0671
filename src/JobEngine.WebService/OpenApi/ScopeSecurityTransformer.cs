using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using JobEngine.WebService.Operators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JobEngine.WebService.OpenApi;

/// <summary>
/// Describes the API's security in the OpenAPI document: an OAuth 2.0 client credentials scheme
/// with the six scopes, and on every protected operation the scope it needs and the 401/403
/// answers it may give.
/// </summary>
internal sealed class ScopeSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string SchemeName = "oauth2";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "JobEngine API";
        document.AddComponent<IOpenApiSecurityScheme>(SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Client credentials from the Authority. orch:operate, orch:quota and orch:approve need operator_reason and operator_ticket.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/" + WireNames.Routes.Token, UriKind.Relative),
                    Scopes = OrchestratorScopes.All.ToDictionary(scope => scope, Describe),
                },
            },
        });
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var scopes = metadata
            .OfType<IAuthorizeData>()
            .Select(data => data.Policy)
            .OfType<string>()
            .Where(policy => OrchestratorScopes.All.Contains(policy))
            .Concat(metadata.OfType<OperatorActionMetadata>().Select(action => action.Scope))
            .Distinct()
            .ToList();
        if (scopes.Count == 0)
        {
            return Task.CompletedTask;
        }

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = scopes },
        ];
        operation.Responses ??= [];
        operation.Responses.TryAdd("400", Problem("The request is not valid (the problem names the field)."));
        operation.Responses.TryAdd("401", Problem("No valid bearer token."));
        operation.Responses.TryAdd("403", Problem($"The token lacks {string.Join(", ", scopes)}, or X-Tenant-Id differs from its tenant."));
        operation.Description = $"Requires the scope {string.Join(", ", scopes)}."
            + (scopes.Any(OrchestratorScopes.RequiresOperatorJustification)
                ? " An operator action: the token must carry operator_reason and operator_ticket (400 otherwise)."
                : "");
        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
    };

    private static string Describe(string scope) => scope switch
    {
        OrchestratorScopes.Read => "Read jobs and quotas",
        OrchestratorScopes.Submit => "Submit jobs",
        OrchestratorScopes.Work => "Lease and run jobs",
        OrchestratorScopes.Operate => "Operator actions on jobs and job types",
        OrchestratorScopes.Quota => "Operator actions on quotas",
        OrchestratorScopes.Audit => "Read and verify the audit ledger",
        OrchestratorScopes.Approve => "Approve or reject operator actions held for a second person",
        _ => scope,
    };
}
