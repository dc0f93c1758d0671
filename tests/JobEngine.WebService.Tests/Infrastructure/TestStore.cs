using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// The store the integration tests run on: SQLite by default, PostgreSQL when
/// <c>JOBENGINE_TEST_STORE=Postgres</c> (then <c>JOBENGINE_TEST_POSTGRES</c> must reach a server
/// whose role may create databases; a test that cannot reach it fails). Each data directory gets
/// its own SQLite file or its own PostgreSQL database, so a test's store starts empty.
/// </summary>
public static class TestStore
{
    public const string StoreVariable = "JOBENGINE_TEST_STORE";
    public const string PostgresVariable = "JOBENGINE_TEST_POSTGRES";

    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable(StoreVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server connection string (any database) of a role with CREATEDB.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set: run ./test.sh, which starts PostgreSQL, or point it at a server.");

    /// <summary>
    /// The settings that put a host on the store of <paramref name="dataDirectory"/>, creating it if
    /// needed, with its checkpoint key and key ring beside it (never in the server's own directory, shared by runs).
    /// </summary>
    public static Dictionary<string, string?> SettingsFor(string dataDirectory)
    {
        Dictionary<string, string?> settings = IsPostgres
            ? new()
            {
                ["JobEngine:Storage:Provider"] = "Postgres",
                ["JobEngine:Storage:ConnectionString"] = PostgresDatabase(dataDirectory),
            }
            : new()
            {
                ["JobEngine:Storage:Provider"] = "Sqlite",
                ["JobEngine:Storage:ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "jobengine.db")}",
            };
        settings["JobEngine:Ledger:CheckpointKeyFile"] = Path.Combine(dataDirectory, "checkpoint.key");
        settings["JobEngine:Authority:KeyRingPath"] = Path.Combine(dataDirectory, "keys");
        return settings;
    }

    /// <summary>An open connection to the store of <paramref name="dataDirectory"/>, for tests that go behind the API.</summary>
    public static DbConnection Open(string dataDirectory)
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(PostgresDatabase(dataDirectory))
            : new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "jobengine.db")};Pooling=False");
        connection.Open();
        if (!IsPostgres)
        {
            connection.Execute("PRAGMA busy_timeout = 10000");
        }

        return connection;
    }

    public static void Execute(this DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Makes every insert into and update of <paramref name="table"/> fail, as a full disk would.</summary>
    public static void SimulateFullDisk(DbConnection connection, string table = "audit_entries") => connection.Execute(IsPostgres
        ? $"""
          CREATE OR REPLACE FUNCTION simulate_full_disk() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$;
          CREATE TRIGGER simulate_full_disk_{table} BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION simulate_full_disk();
          """
        : $"""
          CREATE TRIGGER simulate_full_disk_{table}_insert BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
          CREATE TRIGGER simulate_full_disk_{table}_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
          """);

    public static void EndFullDisk(DbConnection connection, string table = "audit_entries") => connection.Execute(IsPostgres
        ? $"DROP TRIGGER simulate_full_disk_{table} ON {table};"
        : $"DROP TRIGGER simulate_full_disk_{table}_insert; DROP TRIGGER simulate_full_disk_{table}_update;");

    public static void DropTrigger(DbConnection connection, string trigger, string table = "audit_entries") =>
        connection.Execute(IsPostgres ? $"DROP TRIGGER {trigger} ON {table}" : $"DROP TRIGGER {trigger}");

    /// <summary>Removes the store of <paramref name="dataDirectory"/> and the directory.</summary>
    public static void Delete(string dataDirectory)
    {
        SqliteConnection.ClearAllPools();
        if (IsPostgres)
        {
            var database = DatabaseName(dataDirectory);
            NpgsqlConnection.ClearAllPools();
            using var server = new NpgsqlConnection(PostgresServer);
            server.Open();
            server.Execute($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static string PostgresDatabase(string dataDirectory)
    {
        var database = DatabaseName(dataDirectory);
        using (var server = new NpgsqlConnection(PostgresServer))
        {
            server.Open();
            using var exists = server.CreateCommand();
            exists.CommandText = "SELECT 1 FROM pg_database WHERE datname = @name";
            exists.Parameters.AddWithValue("name", database);
            if (exists.ExecuteScalar() is null)
            {
                server.Execute($"CREATE DATABASE {database}");
            }
        }

        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database, MaxPoolSize = 40 }.ConnectionString;
    }

    private static string DatabaseName(string dataDirectory) =>
        "jobengine_test_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..24];
}
