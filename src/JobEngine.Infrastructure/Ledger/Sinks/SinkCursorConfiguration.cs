using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Ledger.Sinks;

internal sealed class SinkCursorConfiguration : IEntityTypeConfiguration<SinkCursor>
{
    public void Configure(EntityTypeBuilder<SinkCursor> builder)
    {
        builder.ToTable("sink_cursors");
        builder.HasKey(cursor => new { cursor.TenantId, cursor.SinkId });
        builder.Property(cursor => cursor.TenantId).HasMaxLength(64);
        builder.Property(cursor => cursor.SinkId).HasMaxLength(SinkCursors.MaxSinkIdLength);
        builder.Property(cursor => cursor.LeaseOwner).HasMaxLength(64);
    }
}
