using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace JobEngine.LoadDriver;

/// <summary>
/// The ledger append's baseline: the same wide row the server wrote for an audited cancel, inserted
/// with raw SQL into a table with the ledger's columns and all of its indexes, one durable
/// transaction per row, at the same concurrency. On SQLite the inserts queue in-process for the
/// one write lock, as the server's writes do, instead of polling SQLite's busy handler. Each
/// connection prepares its INSERT once, so the database does not parse and plan it per row.
/// </summary>
internal sealed class LedgerBaseline : IDisposable
{
    public const string Table = "bench_ledger";

    private readonly BenchStore _store;
    private readonly DbConnection[] _connections;
    private readonly DbCommand?[] _inserts;
    private readonly Dictionary<string, object> _row;
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    private LedgerBaseline(BenchStore store, DbConnection[] connections, Dictionary<string, object> row, long secondaryIndexes)
    {
        _store = store;
        _connections = connections;
        _inserts = new DbCommand?[connections.Length];
        _row = row;
        SecondaryIndexes = secondaryIndexes;
    }

    /// <summary>The indexes beside the primary key, counted on the table made (the same as <c>audit_entries</c>', or the baseline refuses to run).</summary>
    public long SecondaryIndexes { get; }

    /// <summary>Creates the table like <c>audit_entries</c> and takes the newest entry of <paramref name="eventType"/> in <paramref name="tenant"/> as the row to insert.</summary>
    public static LedgerBaseline Create(BenchStore store, int concurrency, string tenant, string eventType)
    {
        long indexes;
        using (var setup = store.Open())
        {
            if (store.IsPostgres)
            {
                BenchStore.Execute(setup, $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (LIKE audit_entries INCLUDING ALL)");
            }
            else
            {
                BenchStore.Execute(setup, $"DROP TABLE IF EXISTS {Table}");
                foreach (var sql in Schema(setup))
                {
                    BenchStore.Execute(setup, sql.Replace("audit_entries", Table, StringComparison.Ordinal));
                }
            }

            indexes = SecondaryIndexCount(setup, store.IsPostgres, Table);
            if (indexes != SecondaryIndexCount(setup, store.IsPostgres, "audit_entries"))
            {
                throw new InvalidOperationException($"{Table} did not get the indexes of audit_entries.");
            }
        }

        var row = NewestRow(store, tenant, eventType);
        return new LedgerBaseline(store, [.. Enumerable.Range(0, concurrency).Select(_ => store.Open())], row, indexes);
    }

    /// <summary>One audited row of <paramref name="tenant"/>, next in its sequence, in a transaction of its own, committed durably.</summary>
    public async Task AppendAsync(int worker, string tenant)
    {
        long sequence;
        lock (_sequences)
        {
            sequence = _sequences[tenant] = _sequences.GetValueOrDefault(tenant) + 1;
        }

        var insert = _inserts[worker] ??= PrepareInsert(_connections[worker]);
        if (_store.IsPostgres)
        {
            Insert(insert, tenant, sequence);
            return;
        }

        await _gate.WaitAsync();
        try
        {
            Insert(insert, tenant, sequence);
        }
        finally
        {
            _gate.Release();
        }
    }

    private DbCommand PrepareInsert(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {Table} ({string.Join(", ", _row.Keys)}) VALUES ({string.Join(", ", _row.Keys.Select(c => "@" + c))})";
        foreach (var (column, value) in _row)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + column;
            parameter.Value = column == "entry_id" ? NewEntryId() : value;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    private void Insert(DbCommand command, string tenant, long sequence)
    {
        var connection = command.Connection!;
        using var transaction = _store.IsPostgres ? connection.BeginTransaction() : ((SqliteConnection)connection).BeginTransaction(deferred: false);
        command.Transaction = transaction;
        command.Parameters["@tenant_id"].Value = tenant;
        command.Parameters["@sequence"].Value = sequence;
        command.Parameters["@entry_id"].Value = NewEntryId();
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private object NewEntryId() => _store.IsPostgres ? Guid.CreateVersion7() : Guid.CreateVersion7().ToString().ToUpperInvariant();

    private static long SecondaryIndexCount(DbConnection connection, bool postgres, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = postgres
            ? $"SELECT COUNT(*) FROM pg_index WHERE indrelid = '{table}'::regclass AND NOT indisprimary"
            : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Schema(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'audit_entries' AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC";
        using var reader = command.ExecuteReader();
        var statements = new List<string>();
        while (reader.Read())
        {
            statements.Add(reader.GetString(0));
        }

        return statements;
    }

    private static Dictionary<string, object> NewestRow(BenchStore store, string tenant, string eventType)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM audit_entries WHERE tenant_id = @tenant AND event_type = @type ORDER BY sequence DESC LIMIT 1";
        foreach (var (name, value) in new[] { ("@tenant", tenant), ("@type", eventType) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"No {eventType} entry of {tenant} to copy.");
        }

        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue);
    }

    public void Dispose()
    {
        foreach (var insert in _inserts)
        {
            insert?.Dispose();
        }

        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _gate.Dispose();
    }
}
