using JobEngine.Core.Jobs;
using JobEngine.Core.JobTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.JobTypes;

internal sealed class JobTypeControlConfiguration : IEntityTypeConfiguration<JobTypeControl>
{
    public void Configure(EntityTypeBuilder<JobTypeControl> builder)
    {
        builder.ToTable("job_type_controls");
        builder.HasKey(control => new { control.TenantId, control.JobType });
        builder.Property(control => control.TenantId).HasMaxLength(64);
        builder.Property(control => control.JobType).HasMaxLength(JobType.MaxLength);
        builder.Property(control => control.UpdatedBy).HasMaxLength(200);
        builder.Property(control => control.UpdateReason).HasMaxLength(1024);
        builder.Property(control => control.UpdateTicket).HasMaxLength(128);
    }
}
