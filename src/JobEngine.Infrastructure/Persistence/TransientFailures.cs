using Microsoft.Data.Sqlite;
using Npgsql;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Failures after which the whole unit of work may simply run again: lost serialization races,
/// deadlocks, dropped connections, a busy SQLite file, and two first inserts of the same row
/// (a primary key collision: the second run finds the row).
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                               or PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.TooManyConnections
                           || (postgres.SqlState == PostgresErrorCodes.UniqueViolation
                               && postgres.ConstraintName?.StartsWith("PK_", StringComparison.Ordinal) == true)
                           || postgres.IsTransient;
                case NpgsqlException npgsql:
                    return npgsql.IsTransient;
                case SqliteException sqlite:
                    // SQLITE_BUSY and SQLITE_LOCKED: another writer held the lock past the busy timeout.
                    return sqlite.SqliteErrorCode is 5 or 6;
            }
        }

        return false;
    }
}
