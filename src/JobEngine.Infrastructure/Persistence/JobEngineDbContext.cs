using JobEngine.Infrastructure.Keys;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// The one database of JobEngine: its own tables and OpenIddict's stores.
/// Tenant-owned tables lead their keys with <c>tenant_id</c>.
/// </summary>
public sealed class JobEngineDbContext(DbContextOptions<JobEngineDbContext> options) : DbContext(options)
{
    public DbSet<AuthorityKey> AuthorityKeys => Set<AuthorityKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JobEngineDbContext).Assembly);
    }
}
