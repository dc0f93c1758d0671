using JobEngine.Core.Jobs;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Jobs;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(job => new { job.TenantId, job.Id });
        builder.Property(job => job.TenantId).HasMaxLength(64);
        builder.Property(job => job.Id).HasColumnName("job_id");
        builder.Property(job => job.JobType).HasMaxLength(JobType.MaxLength).IsRequired();
        builder.Property(job => job.Payload).IsRequired();
        builder.Property(job => job.PayloadSha256).HasMaxLength(64).IsRequired();
        builder.Property(job => job.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(job => job.IdempotencyKey).HasMaxLength(JobLimits.MaxIdempotencyKeyLength);
        builder.Property(job => job.SubmittedBy).HasMaxLength(200).IsRequired();
        builder.Property(job => job.WorkerId).HasMaxLength(JobLimits.MaxWorkerIdLength);
        builder.Property(job => job.LastError).HasMaxLength(JobLimits.MaxErrorLength);
        builder.ComplexProperty(job => job.Canceled, stamp => stamp.MapTo("canceled_by", "cancel_reason", "cancel_ticket", "canceled_at"));
        builder.ComplexProperty(job => job.Retried, stamp => stamp.MapTo("retried_by", "retry_reason", "retry_ticket", "retried_at"));

        builder.HasIndex(job => new { job.TenantId, job.IdempotencyKey })
            .IsUnique()
            .HasFilter("idempotency_key IS NOT NULL")
            .HasDatabaseName("ux_jobs_tenant_idempotency_key");

        // The lease query: pending jobs of a type, best priority first, then oldest.
        builder.HasIndex(job => new { job.TenantId, job.Status, job.JobType, job.Priority, job.CreatedAt })
            .HasDatabaseName("ix_jobs_lease");
    }
}
