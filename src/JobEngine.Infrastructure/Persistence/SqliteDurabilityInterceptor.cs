using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Applies the per-connection SQLite settings every connection needs: FULL sync so that an
/// acknowledged write survives a power cut, foreign keys, and a busy timeout so concurrent
/// writers wait for the lock instead of failing at once. (WAL is a property of the file and
/// is set once by <see cref="DatabaseInitializer"/>.)
/// </summary>
internal sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    /// <summary>
    /// The one instance every context shares: EF Core keys its internal service provider on the
    /// options, and a new interceptor per context would build a new provider per request.
    /// </summary>
    public static readonly SqliteDurabilityInterceptor Instance = new();

    private const string Pragmas = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Apply(connection);

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
