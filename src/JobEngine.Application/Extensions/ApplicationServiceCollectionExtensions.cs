using JobEngine.Application.Approvals;
using JobEngine.Application.Audit;
using JobEngine.Application.Jobs;
using JobEngine.Application.JobTypes;
using JobEngine.Application.Quotas;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.Application.Extensions;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>Registers the use cases; the store (<c>AddJobEngineStorage</c>) must be registered too.</summary>
    public static IServiceCollection AddJobEngineApplication(this IServiceCollection services)
    {
        services.AddSingleton<LedgerWriter>();
        services.AddSingleton<AuditedTransaction>();
        services.AddScoped<JobService>();
        services.AddScoped<QuotaService>();
        services.AddScoped<JobTypeService>();
        services.AddScoped<BulkCancelService>();
        services.AddScoped<ApprovableActions>();
        services.AddScoped<ApprovalService>();
        services.AddOptions<ApprovalOptions>()
            .BindConfiguration(ApprovalOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<JobOptions>()
            .BindConfiguration(JobOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
