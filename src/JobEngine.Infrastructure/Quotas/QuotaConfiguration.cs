using JobEngine.Core.Jobs;
using JobEngine.Core.Quotas;
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
        builder.Property(quota => quota.UpdatedBy).HasMaxLength(200);
        builder.Property(quota => quota.UpdateReason).HasMaxLength(1024);
        builder.Property(quota => quota.UpdateTicket).HasMaxLength(128);
    }
}
