using JobEngine.Core.Jobs;
using JobEngine.Core.Quotas;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Quotas;

internal sealed class QuotaConfiguration : IEntityTypeConfiguration<Quota>
{
    public void Configure(EntityTypeBuilder<Quota> builder)
    {
        builder.ToTable("quotas");
        builder.HasKey(quota => new { quota.TenantId, quota.JobType });
        builder.Property(quota => quota.TenantId).HasMaxLength(64);
        builder.Property(quota => quota.JobType).HasMaxLength(JobType.MaxLength);
        builder.ComplexProperty(quota => quota.Updated, stamp => stamp.MapTo("updated_by", "update_reason", "update_ticket", "updated_at").Bounded());
    }
}
