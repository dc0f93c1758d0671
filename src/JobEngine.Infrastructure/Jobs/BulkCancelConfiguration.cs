using JobEngine.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Jobs;

internal sealed class BulkCancelConfiguration : IEntityTypeConfiguration<BulkCancel>
{
    public void Configure(EntityTypeBuilder<BulkCancel> builder)
    {
        builder.ToTable("bulk_cancels");
        builder.HasKey(bulk => new { bulk.TenantId, bulk.BatchId });
        builder.Property(bulk => bulk.TenantId).HasMaxLength(64);
        builder.Property(bulk => bulk.JobType).HasMaxLength(JobType.MaxLength);
        builder.Property(bulk => bulk.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(bulk => bulk.Requester).IsRequired();
        builder.Ignore(bulk => bulk.IsCompleted);
        builder.Ignore(bulk => bulk.Remaining);

        // Start-up looks for bulk cancels an interrupted process left unfinished.
        builder.HasIndex(bulk => bulk.CompletedAt).HasDatabaseName("ix_bulk_cancels_completed_at");
    }
}
