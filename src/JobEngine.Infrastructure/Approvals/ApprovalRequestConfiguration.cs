using JobEngine.Core.Approvals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Approvals;

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.ToTable("approval_requests");
        builder.HasKey(request => new { request.TenantId, request.Id });
        builder.Property(request => request.TenantId).HasMaxLength(64);
        builder.Property(request => request.Id).HasColumnName("approval_id");
        builder.Property(request => request.Action).HasMaxLength(32).IsRequired();
        builder.Property(request => request.ResourceId).HasMaxLength(200);
        builder.Property(request => request.Arguments).IsRequired();
        builder.Property(request => request.RequestedBy).HasMaxLength(200).IsRequired();
        builder.Property(request => request.Requester).IsRequired();
        builder.Property(request => request.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(request => request.ApprovedBy).IsRequired();
        builder.Property(request => request.DecidedBy).HasMaxLength(200);
        builder.Ignore(request => request.Approvers);

        // The expiry sweep: pending requests by expiry, every tenant.
        builder.HasIndex(request => new { request.Status, request.ExpiresAt }).HasDatabaseName("ix_approval_requests_due");
    }
}
