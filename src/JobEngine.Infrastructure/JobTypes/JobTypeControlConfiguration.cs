using JobEngine.Core.Jobs;
using JobEngine.Core.JobTypes;
using JobEngine.Infrastructure.Persistence;
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
        // A control is only ever stored after an operator paused or resumed it, so its stamp is required.
        builder.ComplexProperty(control => control.Updated).IsRequired()
            .MapTo("updated_by", "update_reason", "update_ticket", "updated_at").Bounded();
    }
}
