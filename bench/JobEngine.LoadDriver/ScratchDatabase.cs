using Npgsql;

namespace JobEngine.LoadDriver;

/// <summary>A fresh PostgreSQL database for one part of the run, dropped (with its sessions) at the end.</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private ScratchDatabase(string server, string name, string connectionString, string? version)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
        ServerVersion = version;
    }

    public string ConnectionString { get; }

    public string? ServerVersion { get; }

    public static async Task<ScratchDatabase> CreateAsync(string server, int maxPoolSize)
    {
        var name = "jobengine_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        var version = (string?)await new NpgsqlCommand("SHOW server_version", admin).ExecuteScalarAsync();
        await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = maxPoolSize }.ConnectionString;
        return new ScratchDatabase(server, name, connectionString, version);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }
}
