using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Serializes the start-up work of every process on one PostgreSQL database (migrations, client
/// bootstrap, the first signing key), so that processes started at once on a fresh database do
/// not race to create the same rows: a session-level advisory lock, held on a connection of its
/// own until disposed (and released by the server if the process dies). On SQLite, one process
/// owns the file and there is nothing to serialize.
/// </summary>
public sealed class StartupLock(JobEngineDbContext db)
{
    /// <summary>The advisory lock's key: an arbitrary constant that only JobEngine's start-up takes.</summary>
    private const long Key = 0x4A6F62456E67_01;

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return NoLock.Instance;
        }

        // Unpooled: closing the connection ends the session, and with it the lock. A pooled
        // connection would keep the session, and the lock, while it idles in the pool.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        var held = false;
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            held = true;
            return connection;
        }
        finally
        {
            if (!held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
