using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(entry => new { entry.TenantId, entry.Sequence });
        builder.Property(entry => entry.TenantId).HasMaxLength(64);
        builder.Property(entry => entry.EventType).HasMaxLength(64).IsRequired();
        builder.Property(entry => entry.ResourceType).HasMaxLength(32);
        builder.Property(entry => entry.ResourceId).HasMaxLength(JobType.MaxLength);
        builder.Property(entry => entry.ActorId).HasMaxLength(200);
        builder.Property(entry => entry.ActorType).HasMaxLength(32);
        builder.Property(entry => entry.ClientId).HasMaxLength(200);
        builder.Property(entry => entry.TokenId).HasMaxLength(100);
        builder.Property(entry => entry.OperatorTicket).HasMaxLength(128);
        builder.Property(entry => entry.OperatorTicketSystem).HasMaxLength(64);
        builder.Property(entry => entry.TicketUrl).HasMaxLength(2048);
        builder.Property(entry => entry.OperatorReasonCode).HasMaxLength(32);
        builder.Property(entry => entry.HttpMethod).HasMaxLength(16);
        builder.Property(entry => entry.SourceIp).HasMaxLength(64);
        builder.Property(entry => entry.ApprovalId).HasMaxLength(36);
        builder.Property(entry => entry.RequestedBy).HasMaxLength(200);
        builder.Property(entry => entry.BatchId).HasMaxLength(36);
        builder.Property(entry => entry.PreviousHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(entry => entry.ContentHash).HasMaxLength(64).IsFixedLength().IsRequired();

        builder.HasIndex(entry => new { entry.TenantId, entry.EntryId }).IsUnique().HasDatabaseName("ux_audit_entries_entry_id");
        builder.HasIndex(entry => new { entry.TenantId, entry.OperatorTicket, entry.Sequence }).HasDatabaseName("ix_audit_entries_ticket");
        builder.HasIndex(entry => new { entry.TenantId, entry.OperatorTicketSystem, entry.OperatorTicket, entry.Sequence })
            .HasDatabaseName("ix_audit_entries_ticket_system");
        builder.HasIndex(entry => new { entry.TenantId, entry.OperatorReasonCode, entry.Sequence }).HasDatabaseName("ix_audit_entries_reason_code");
        builder.HasIndex(entry => new { entry.TenantId, entry.EventType, entry.Sequence }).HasDatabaseName("ix_audit_entries_event_type");
        builder.HasIndex(entry => new { entry.TenantId, entry.ResourceType, entry.ResourceId, entry.Sequence }).HasDatabaseName("ix_audit_entries_resource");
        builder.HasIndex(entry => new { entry.TenantId, entry.ActorId, entry.Sequence }).HasDatabaseName("ix_audit_entries_actor");
        builder.HasIndex(entry => new { entry.TenantId, entry.OccurredAt }).HasDatabaseName("ix_audit_entries_occurred_at");
    }
}
