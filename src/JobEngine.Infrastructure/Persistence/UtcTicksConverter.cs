using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Stores an instant in SQLite as UTC ticks: an integer keeps full precision and, unlike SQLite's
/// text form, compares and orders correctly in SQL.
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
