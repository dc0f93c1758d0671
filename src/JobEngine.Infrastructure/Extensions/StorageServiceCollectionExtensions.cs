using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.JobTypes;
using JobEngine.Infrastructure.Jobs;
using JobEngine.Infrastructure.Keys;
using JobEngine.Infrastructure.Quotas;
using JobEngine.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JobEngine.Infrastructure.Extensions;

/// <summary>Registers the store: options, the DbContext with its provider, and the key store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="JobEngineDbContext"/> on the configured provider.
    /// A relative SQLite path is resolved against <paramref name="contentRootPath"/>.
    /// </summary>
    public static IServiceCollection AddJobEngineStorage(this IServiceCollection services, string contentRootPath)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddDbContext<JobEngineDbContext>((provider, options) =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.UseSqlite(ResolveSqlitePath(storage.ConnectionString, contentRootPath), sqlite =>
                sqlite.MigrationsAssembly(typeof(JobEngineDbContext).Assembly.FullName));
            options.AddInterceptors(new SqliteDurabilityInterceptor());
            options.UseOpenIddict();
        });

        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<AuthorityKeyStore>();
        services.AddScoped<WriteTransaction>();
        services.AddScoped<JobRepository>();
        services.AddScoped<JobLeasing>();
        services.AddScoped<QuotaRepository>();
        services.AddScoped<JobTypeControlRepository>();
        services.AddScoped<IAuditRepository, AuditRepository>();
        services.AddScoped<AuditedTransaction>();
        services.AddScoped<JobService>();
        services.AddScoped<QuotaService>();
        services.AddScoped<JobTypeService>();
        services.AddOptions<JobOptions>()
            .BindConfiguration(JobOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    private static string ResolveSqlitePath(string connectionString, string contentRootPath)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } dataSource
            && dataSource != ":memory:"
            && builder.Mode != SqliteOpenMode.Memory
            && !Path.IsPathRooted(dataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRootPath, dataSource));
        }

        return builder.ToString();
    }
}
