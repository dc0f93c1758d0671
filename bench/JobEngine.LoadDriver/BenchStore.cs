using System.Data.Common;
using System.Security.Cryptography;
using JobEngine.Core.Audit;
using JobEngine.Core.Ledger;
using JobEngine.Core.Operators;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace JobEngine.LoadDriver;

/// <summary>
/// A bench server's database, reached directly: to seed rows quickly and to run the raw SQL
/// baselines on the same store with the same durability settings.
/// </summary>
internal sealed class BenchStore(bool postgres, string connectionString)
{
    public bool IsPostgres { get; } = postgres;

    public string ConnectionString { get; } = connectionString;

    public static BenchStore Sqlite(string databaseFile) => new(false, $"Data Source={databaseFile}");

    public DbConnection Open()
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c synchronous_commit=on" }.ConnectionString)
            : new SqliteConnection(ConnectionString);
        connection.Open();
        if (!IsPostgres)
        {
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;");
        }

        return connection;
    }

    public static void Execute(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Inserts pending jobs of <paramref name="jobType"/> directly, as if submitted, and returns their ids.</summary>
    public List<Guid> SeedJobs(string tenant, string jobType, int count)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO jobs (tenant_id, job_id, job_type, payload, payload_sha256, priority, max_attempts, attempts, status, submitted_by, created_at, updated_at)
            VALUES (@tenant, @id, @type, 'null', @sha, 0, 3, 0, 'Pending', 'bench-submitter', @now, @now)
            """;
        var id = Add(command, "@id");
        Add(command, "@tenant").Value = tenant;
        Add(command, "@type").Value = jobType;
        Add(command, "@sha").Value = Convert.ToHexStringLower(SHA256.HashData("null"u8));
        var now = Add(command, "@now");
        var ids = new List<Guid>(count);
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var jobId = Guid.CreateVersion7();
            id.Value = IsPostgres ? jobId : jobId.ToString().ToUpperInvariant();
            now.Value = IsPostgres ? start.AddTicks(i * 10) : start.AddTicks(i * 10).UtcTicks;
            command.ExecuteNonQuery();
            ids.Add(jobId);
        }

        transaction.Commit();
        return ids;
    }

    /// <summary>
    /// Appends <paramref name="count"/> sealed entries to the tenant's chain directly, with the
    /// Merkle tree nodes each one completes and the chain head with the tree's right edge (as an
    /// append writes them), every <paramref name="ticketEvery"/>-th under <paramref name="ticket"/>.
    /// Returns a sample of entry ids.
    /// </summary>
    public List<Guid> SeedLedger(string tenant, int count, string ticket, int ticketEvery) =>
        AppendLedger(tenant, count, ticket, ticketEvery, extend: false);

    /// <summary>Appends <paramref name="count"/> more entries to a chain <see cref="SeedLedger"/> began, from its head on.</summary>
    public void ExtendLedger(string tenant, int count, string ticket) => AppendLedger(tenant, count, ticket, ticketEvery: count, extend: true);

    private List<Guid> AppendLedger(string tenant, int count, string ticket, int ticketEvery, bool extend)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var previous = (Sequence: 0L, Hash: AuditEntry.GenesisHash);
        var tree = TreeFrontier.Empty;
        if (extend)
        {
            using var head = connection.CreateCommand();
            head.Transaction = transaction;
            head.CommandText = "SELECT sequence, content_hash, tree_frontier FROM audit_chain_heads WHERE tenant_id = @tenant";
            Add(head, "@tenant").Value = tenant;
            using var reader = head.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidOperationException($"Tenant '{tenant}' has no chain to extend.");
            }

            previous = (reader.GetInt64(0), reader.GetString(1));
            if (!TreeFrontier.TryParse(previous.Sequence, (byte[])reader.GetValue(2), out tree))
            {
                throw new InvalidOperationException($"Tenant '{tenant}' has an unreadable tree frontier.");
            }
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = new[]
        {
            "tenant_id", "sequence", "entry_id", "occurred_at", "event_type", "resource_type", "resource_id", "actor_id", "actor_type",
            "client_id", "token_id", "operator_reason", "operator_ticket", "comment", "description", "old_state", "new_state",
            "correlation_id", "http_method", "request_path", "source_ip", "user_agent", "previous_hash", "content_hash",
        };
        command.CommandText = $"INSERT INTO audit_entries ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
        var parameters = columns.ToDictionary(c => c, c => Add(command, "@" + c));

        // Without the nodes the server's start-up backfill would build them, which takes minutes for a million entries.
        using var nodeCommand = connection.CreateCommand();
        nodeCommand.Transaction = transaction;
        nodeCommand.CommandText = "INSERT INTO audit_tree_nodes (tenant_id, level, node_index, hash) VALUES (@tenant, @level, @index, @hash)";
        Add(nodeCommand, "@tenant").Value = tenant;
        var nodeLevel = Add(nodeCommand, "@level");
        var nodeIndex = Add(nodeCommand, "@index");
        var nodeHash = Add(nodeCommand, "@hash");
        var completed = new List<(TreeNode Node, byte[] Hash)>(24);

        var sample = new List<Guid>();
        var start = DateTimeOffset.UtcNow.AddDays(-30).AddTicks(previous.Sequence * 10_000L);
        for (var i = 0; i < count; i++)
        {
            var jobId = Guid.NewGuid().ToString();
            var by = new Attribution("bench-operator", ActorTypes.Client, "bench-operator", Guid.NewGuid().ToString(), "benchmark load",
                i % ticketEvery == 0 ? ticket : $"CHG-{i % 5000}");
            var request = new RequestMetadata("bench", "POST", $"/api/v1/jobs/{jobId}/cancel", "127.0.0.1", "bench");
            var record = AuditRecord.Create(tenant, AuditEventTypes.JobCanceled, by, request) with
            {
                ResourceType = AuditResourceTypes.Job,
                ResourceId = jobId,
                Description = "Job canceled",
                OldState = """{"status":"Pending"}""",
                NewState = """{"status":"Canceled"}""",
            };
            var entry = AuditEntry.Seal(record, previous.Sequence, previous.Hash, Guid.CreateVersion7(), start.AddTicks(i * 10_000L));
            object?[] values =
            [
                entry.TenantId, entry.Sequence, IsPostgres ? entry.EntryId : entry.EntryId.ToString().ToUpperInvariant(),
                IsPostgres ? entry.OccurredAt : entry.OccurredAt.UtcTicks, entry.EventType, entry.ResourceType, entry.ResourceId,
                entry.ActorId, entry.ActorType, entry.ClientId, entry.TokenId, entry.OperatorReason, entry.OperatorTicket, entry.Comment,
                entry.Description, entry.OldState, entry.NewState, entry.CorrelationId, entry.HttpMethod, entry.RequestPath,
                entry.SourceIp, entry.UserAgent, entry.PreviousHash, entry.ContentHash,
            ];
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[columns[c]].Value = values[c] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
            completed.Clear();
            tree = tree.Append(Convert.FromHexString(entry.ContentHash), completed);
            foreach (var (node, hash) in completed.Where(node => node.Node.IsStored))
            {
                nodeLevel.Value = node.Level;
                nodeIndex.Value = node.Index;
                nodeHash.Value = hash;
                nodeCommand.ExecuteNonQuery();
            }

            if (i % Math.Max(1, count / 1000) == 0)
            {
                sample.Add(entry.EntryId);
            }

            previous = (entry.Sequence, entry.ContentHash);
        }

        Execute(connection, extend
                ? "UPDATE audit_chain_heads SET sequence = @s, content_hash = @h, tree_frontier = @f WHERE tenant_id = @t"
                : "INSERT INTO audit_chain_heads (tenant_id, sequence, content_hash, tree_frontier) VALUES (@t, @s, @h, @f)",
            ("@t", tenant), ("@s", previous.Sequence), ("@h", previous.Hash), ("@f", tree.ToBytes()));
        transaction.Commit();
        return sample;
    }

    /// <summary>
    /// PostgreSQL's count of committed transactions in this database so far; null on SQLite, which
    /// keeps none. Idle sessions report theirs within 10 s (PGSTAT_IDLE_INTERVAL), so a reading
    /// right after a load waits that long first (<paramref name="settle"/>).
    /// </summary>
    public async Task<long?> CommitsAsync(bool settle)
    {
        if (!IsPostgres)
        {
            return null;
        }

        if (settle)
        {
            await Task.Delay(TimeSpan.FromSeconds(11));
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public long CountEntries(string tenant, string eventType)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_entries WHERE tenant_id = @tenant AND event_type = @type";
        Add(command, "@tenant").Value = tenant;
        Add(command, "@type").Value = eventType;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public long CountTreeNodes(string tenant)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_tree_nodes WHERE tenant_id = @tenant";
        Add(command, "@tenant").Value = tenant;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The raw durable write: one row, one transaction, on the same store.</summary>
    public void CreateRawTable() => WithConnection(connection => Execute(connection, IsPostgres
        ? "CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, tenant_id text NOT NULL, payload text NOT NULL)"
        : "CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, payload TEXT NOT NULL)"));

    public void InsertRawRow(DbConnection connection, string payload)
    {
        using var transaction = IsPostgres ? connection.BeginTransaction() : ((SqliteConnection)connection).BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO bench_rows (tenant_id, payload) VALUES ('bench', @payload)";
        Add(command, "@payload").Value = payload;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private void WithConnection(Action<DbConnection> action)
    {
        using var connection = Open();
        action(connection);
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
