using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Persistence;

internal sealed class StoreProbeConfiguration : IEntityTypeConfiguration<StoreProbe>
{
    public void Configure(EntityTypeBuilder<StoreProbe> builder)
    {
        builder.ToTable("store_probes");
        builder.HasKey(probe => probe.ProbeId);
        builder.Property(probe => probe.ProbeId).HasMaxLength(32);
    }
}
