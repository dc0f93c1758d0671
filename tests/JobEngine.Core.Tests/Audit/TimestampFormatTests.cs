using System.Globalization;
using JobEngine.Core.Audit;

namespace JobEngine.Core.Tests.Audit;

public sealed class TimestampFormatTests
{
    [Fact]
    public void FormatTimestamp_WritesWhatTheDocumentedFormatWrites()
    {
        var random = new Random(20261129);
        var instants = new List<DateTimeOffset>
        {
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new(2026, 11, 29, 8, 0, 0, TimeSpan.FromHours(-5)),
            new(999, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };
        for (var i = 0; i < 10_000; i++)
        {
            instants.Add(new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), TimeSpan.Zero)
                .ToOffset(TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60))));
        }

        foreach (var instant in instants)
        {
            Assert.Equal(instant.UtcDateTime.ToString(AuditEntryJson.TimestampFormat, CultureInfo.InvariantCulture),
                AuditEntryJson.FormatTimestamp(instant));
        }
    }
}
