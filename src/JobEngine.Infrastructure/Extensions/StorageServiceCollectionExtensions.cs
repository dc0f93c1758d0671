using JobEngine.Infrastructure.Approvals;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Diagnostics;
using JobEngine.Infrastructure.JobTypes;
using JobEngine.Infrastructure.Jobs;
using JobEngine.Infrastructure.Keys;
using JobEngine.Infrastructure.Ledger;
using JobEngine.Infrastructure.Ledger.Sinks;
using JobEngine.Infrastructure.Ledger.Witnesses;
using JobEngine.Infrastructure.Lockouts;
using JobEngine.Infrastructure.Persistence;
using JobEngine.Infrastructure.Quotas;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JobEngine.Infrastructure.Extensions;

/// <summary>Registers the store: options, the DbContext on its provider and the repositories.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="JobEngineDbContext"/> on the configured provider. A relative SQLite path is
    /// resolved against <paramref name="contentRootPath"/>.
    /// </summary>
    public static IServiceCollection AddJobEngineStorage(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();

        // Pooled contexts share one set of options: building options and finding EF Core's internal
        // provider per request cost more CPU than the token endpoint's own work (profiled under load).
        var commits = new CommitSignal();
        services.AddSingleton(commits);
        if (storage.IsPostgres)
        {
            services.AddDbContextPool<JobEngineDbContext, PostgresJobEngineDbContext>(options => options
                .UseNpgsql(ServicePostgres(storage.ConnectionString), npgsql =>
                    npgsql.MigrationsAssembly(typeof(JobEngineDbContext).Assembly.FullName))
                .AddInterceptors(new CommitSignalInterceptor(commits))
                .UseOpenIddict());
        }
        else
        {
            services.AddDbContextPool<JobEngineDbContext>(options => options
                .UseSqlite(ResolveSqlitePath(storage.ConnectionString, contentRootPath), sqlite =>
                    sqlite.MigrationsAssembly(typeof(JobEngineDbContext).Assembly.FullName))
                .AddInterceptors(SqliteDurabilityInterceptor.Instance, new CommitSignalInterceptor(commits))
                .UseOpenIddict());
        }

        services.AddSingleton(new WriteGate(serialize: !storage.IsPostgres));
        services.AddSingleton(new StoragePaths(contentRootPath));
        services.AddOptions<LedgerOptions>()
            .BindConfiguration(LedgerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<JobEngineMetrics>();
        services.AddSingleton<CheckpointKey>();
        services.AddSingleton<LedgerIntegrity>();
        services.AddSingleton<WitnessSet>();
        services.AddSingleton<WitnessSignal>();
        services.AddSingleton<WitnessHealth>();
        services.AddSingleton<WitnessedCheckpoints>();
        services.AddScoped<Checkpoints>();
        services.AddScoped<LedgerStartupCheck>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<StartupLock>();
        services.AddSingleton(AuditTreeUpkeep.FromEnvironment());
        services.AddScoped<AuditTreeBackfill>();
        services.AddScoped<TreeNodeReader>();
        services.AddScoped<AuditTree>();
        services.AddSingleton<StoreWriteProbe>();
        services.AddScoped<AuthorityKeyStore>();
        services.AddScoped<AuthenticationFailureStore>();
        services.AddScoped<SinkCursors>();
        services.AddScoped<WriteTransaction>();
        services.AddScoped<RowLocks>();
        services.AddScoped<JobRepository>();
        services.AddScoped<JobLeasing>();
        services.AddScoped<QuotaRepository>();
        services.AddScoped<JobTypeControlRepository>();
        services.AddScoped<ApprovalRepository>();
        services.AddScoped<BulkCancelRepository>();
        services.AddScoped<IAuditRepository, AuditRepository>();
        services.AddScoped<LedgerRows>();
        services.AddSingleton<ChainHeadMemory>();
        services.AddScoped<LedgerBatch>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// The service's sessions. Every one commits synchronously, whatever the server's default: an
    /// acknowledged entry is on disk. The statements it runs again and again (the writer's locking
    /// reads, updates and array inserts) are prepared once per connection rather than parsed and
    /// planned on every use, unless the connection string sets its own limit (0 turns it off). A
    /// pooled connection goes back to the pool without a reset (<c>DISCARD ALL</c>, or the statements
    /// that keep prepared ones), one more round of statements per use otherwise, unless the
    /// connection string asks for it: the service keeps no session state on a pooled connection (its
    /// one session-level lock, <see cref="StartupLock"/>'s, is taken on a connection of its own), and
    /// its raw reads name their columns, so a column added by a newer process's migration cannot
    /// change the result of a statement prepared before it.
    /// </summary>
    private static string ServicePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? "-c synchronous_commit=on"
            : builder.Options + " -c synchronous_commit=on";
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.ContainsKey("Auto Prepare Min Usages") && !given.ContainsKey("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
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
