using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Brings the store to the current schema with EF Core migrations and checks the durability
/// settings the ledger relies on; start-up stops if they do not hold.
/// </summary>
public sealed partial class DatabaseInitializer(JobEngineDbContext db, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            EnsureSqliteDirectoryExists(db.Database.GetConnectionString()!);
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await ExecuteScalarAsync("PRAGMA journal_mode = WAL;", cancellationToken);
                await VerifySqliteDurabilityAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        if (db.Database.IsNpgsql())
        {
            await VerifyPostgresDurabilityAsync(cancellationToken);
        }

        // Asking for pending migrations on an empty database logs a failed query; ask the history first.
        var history = db.GetService<IHistoryRepository>();
        var applied = await history.ExistsAsync(cancellationToken)
            ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(migration => migration.MigrationId).ToHashSet()
            : [];
        var pending = db.Database.GetMigrations().Where(migration => !applied.Contains(migration)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(pending.Count, string.Join(", ", pending));
    }

    private async Task VerifySqliteDurabilityAsync(CancellationToken cancellationToken)
    {
        var journalMode = await ExecuteScalarAsync("PRAGMA journal_mode;", cancellationToken);
        var synchronous = await ExecuteScalarAsync("PRAGMA synchronous;", cancellationToken);

        // 'wal' and FULL (2) are what make an acknowledged ledger append durable.
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != "2")
        {
            throw new InvalidOperationException(
                $"SQLite must run with journal_mode=WAL and synchronous=FULL; found journal_mode={journalMode}, synchronous={synchronous}.");
        }
    }

    private async Task VerifyPostgresDurabilityAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var synchronousCommit = await ExecuteScalarAsync("SHOW synchronous_commit;", cancellationToken);

            // Sessions ask for 'on' in their connection options; a server that overrides it to
            // 'off' would acknowledge ledger entries before they are on disk.
            if (!string.Equals(synchronousCommit, "on", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"PostgreSQL must run with synchronous_commit=on; found {synchronousCommit}.");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<string?> ExecuteScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
    }

    private static void EnsureSqliteDirectoryExists(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store migrated: {Count} migration(s) applied [{Migrations}]")]
    private partial void LogMigrated(int count, string migrations);
}
