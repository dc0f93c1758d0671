using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Lockouts;

internal sealed class AuthenticationFailureConfiguration : IEntityTypeConfiguration<AuthenticationFailure>
{
    public void Configure(EntityTypeBuilder<AuthenticationFailure> builder)
    {
        builder.ToTable("authentication_failures");
        builder.HasKey(failure => failure.Subject);
        builder.Property(failure => failure.Subject).HasMaxLength(AuthenticationFailureStore.MaxSubjectLength);
        builder.HasIndex(failure => failure.WindowStartedAt).HasDatabaseName("ix_authentication_failures_window_started_at");
    }
}
