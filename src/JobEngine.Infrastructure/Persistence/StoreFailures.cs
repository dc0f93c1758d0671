using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Tells the store's failures apart for the layers above, which know no provider's exceptions:
/// a write the store could not take (read-only, full, unreachable: the caller answers 503) and a
/// unique key another writer took first.
/// </summary>
public static class StoreFailures
{
    public static bool CannotWrite(Exception exception) => exception is DbUpdateException or DbException;

    public static bool IsUniqueViolation(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState == PostgresErrorCodes.UniqueViolation;
                case SqliteException sqlite:
                    // SQLITE_CONSTRAINT, whose message names the unique index (extended codes are off by default).
                    return sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal);
            }
        }

        return false;
    }
}
