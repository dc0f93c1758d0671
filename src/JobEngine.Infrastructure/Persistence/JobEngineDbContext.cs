using JobEngine.Core.Approvals;
using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Core.JobTypes;
using JobEngine.Core.Quotas;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Keys;
using JobEngine.Infrastructure.Ledger;
using JobEngine.Infrastructure.Ledger.Sinks;
using JobEngine.Infrastructure.Lockouts;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// The one database of JobEngine: its own tables and OpenIddict's stores.
/// Tenant-owned tables lead their keys with <c>tenant_id</c>. This type serves SQLite (and owns
/// its migrations); <see cref="PostgresJobEngineDbContext"/> serves PostgreSQL with its own.
/// </summary>
public class JobEngineDbContext : DbContext
{
    public JobEngineDbContext(DbContextOptions<JobEngineDbContext> options)
        : base(options) => DisableSavepoints();

    protected JobEngineDbContext(DbContextOptions options)
        : base(options) => DisableSavepoints();

    public DbSet<AuthorityKey> AuthorityKeys => Set<AuthorityKey>();

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<Quota> Quotas => Set<Quota>();

    public DbSet<JobTypeControl> JobTypeControls => Set<JobTypeControl>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<AuditTreeNode> AuditTreeNodes => Set<AuditTreeNode>();

    public DbSet<StoredCheckpoint> Checkpoints => Set<StoredCheckpoint>();

    public DbSet<StoreProbe> StoreProbes => Set<StoreProbe>();

    public DbSet<AuthenticationFailure> AuthenticationFailures => Set<AuthenticationFailure>();

    public DbSet<SinkCursor> SinkCursors => Set<SinkCursor>();

    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();

    public DbSet<BulkCancel> BulkCancels => Set<BulkCancel>();

    /// <summary>
    /// Every transaction this service opens commits or rolls back whole, and none goes on after a
    /// failed save; the savepoint EF Core would set around each save inside a transaction would
    /// cost two more statements (and, on PostgreSQL, two round trips) for a partial rollback
    /// nothing uses. Set at construction, so a pooled context keeps it.
    /// </summary>
    private void DisableSavepoints() => Database.AutoSavepointsEnabled = false;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JobEngineDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }
}
