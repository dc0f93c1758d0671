using System.Text.Json.Serialization;
using JobEngine.Core.Protocol;
using JobEngine.WebService.Approvals;
using JobEngine.WebService.Audit;
using JobEngine.WebService.Diagnostics;
using JobEngine.WebService.Health;
using JobEngine.WebService.JobTypes;
using JobEngine.WebService.Jobs;
using JobEngine.WebService.Json;
using JobEngine.WebService.OpenApi;
using JobEngine.WebService.Operators;
using JobEngine.WebService.Quotas;
using JobEngine.WebService.Security;
using JobEngine.WebService.Tenancy;
using JobEngine.WebService.Workers;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;

namespace JobEngine.WebService.Extensions;

internal static class ApiExtensions
{
    /// <summary>Adds the JobEngine API: token validation, tenancy, operator context, OpenAPI and health.</summary>
    public static WebApplicationBuilder AddJobEngineApi(this WebApplicationBuilder builder)
    {
        var roles = HostRoles.From(builder.Configuration);
        builder.Services.AddHealthChecks()
            .AddCheck<StoreReadinessCheck>("store", tags: ["ready"])
            .AddCheck<LedgerIntegrityCheck>("ledger", tags: ["ready"])
            .AddCheck<WitnessCheck>("witnesses", tags: ["ready"])
            .AddCheck<SinkCheck>("sinks", tags: ["ready"]);
        if (!roles.JobEngine)
        {
            return builder;
        }

        builder.AddApiSecurity(roles);
        builder.Services.AddSingleton<TenantResolver>();
        builder.Services.AddScoped<RequestTenant>();
        builder.Services.AddScoped<OperatorDenials>();
        builder.Services.AddHostedService<ApprovalExpirySweep>();
        builder.Services.AddHostedService<BulkCancelResumption>();
        builder.Services.Configure<JsonOptions>(options =>
        {
            // A number is a JSON number: "5" for a priority is refused, not read as 5 (the web default).
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.Converters.Add(new UtcTimestampConverter());
        });

        // Malformed JSON bodies become problem details (MalformedRequestExceptionHandler) in every environment.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ScopeSecurityTransformer>();
            options.AddOperationTransformer<ScopeSecurityTransformer>();
            options.AddOperationTransformer<OperatorActionBodyTransformer>();
        });
        return builder;
    }

    public static WebApplication MapJobEngineApi(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapPrometheusScrapingEndpoint(TelemetryExtensions.MetricsPath);
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = ReadinessReport.WriteAsync,
        });

        if (!app.Services.GetRequiredService<HostRoles>().JobEngine)
        {
            return app;
        }

        app.MapOpenApi();
        // The operator action gate comes first so that it sees, and records, every refusal of an
        // operator action, the tenant check's included.
        var api = app.MapGroup(WireNames.Routes.Api)
            .RequireAuthorization()
            .AddEndpointFilterFactory(OperatorActionFilter.OnOperatorActions)
            .AddEndpointFilter<RequireTenantFilter>()
            .AddEndpointFilterFactory(ApprovalPolicyFilter.OnApprovableActions);
        api.MapJobEndpoints();
        api.MapWorkerEndpoints();
        api.MapJobTypeEndpoints();
        api.MapQuotaEndpoints();
        api.MapApprovalEndpoints();
        api.MapAuditEndpoints();
        app.MapCheckpointKeyEndpoint();
        app.MapBenchmarkEndpoints();
        return app;
    }
}
