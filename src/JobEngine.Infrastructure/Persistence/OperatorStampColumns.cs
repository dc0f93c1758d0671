using JobEngine.Core.Operators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>Maps an <see cref="OperatorStamp"/> onto the four columns a table keeps it in.</summary>
internal static class OperatorStampColumns
{
    public static ComplexPropertyBuilder<OperatorStamp> MapTo(
        this ComplexPropertyBuilder<OperatorStamp> stamp, string by, string reason, string ticket, string at)
    {
        stamp.Property(value => value.By).HasColumnName(by);
        stamp.Property(value => value.Reason).HasColumnName(reason);
        stamp.Property(value => value.Ticket).HasColumnName(ticket);
        stamp.Property(value => value.At).HasColumnName(at);
        return stamp;
    }

    /// <summary>The bounds of the quota and job type tables, whose stamp columns were always bounded.</summary>
    public static ComplexPropertyBuilder<OperatorStamp> Bounded(this ComplexPropertyBuilder<OperatorStamp> stamp)
    {
        stamp.Property(value => value.By).HasMaxLength(200);
        stamp.Property(value => value.Reason).HasMaxLength(1024);
        stamp.Property(value => value.Ticket).HasMaxLength(OperatorTicket.MaxLength);
        return stamp;
    }
}
