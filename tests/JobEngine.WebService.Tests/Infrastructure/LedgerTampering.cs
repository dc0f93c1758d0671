using System.Data.Common;
using System.Text.Json.Nodes;
using JobEngine.Core.Audit;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// What an insider who can write the database does to a tenant's ledger, for the tests that must
/// catch it: each step drops the trigger that stands in its way first, as such an insider would.
/// </summary>
public static class LedgerTampering
{
    /// <summary>
    /// Changes the reason of <paramref name="export"/>[<paramref name="index"/>] and recomputes every
    /// later hash and link, so the chain alone still verifies. In memory; <see cref="StoreRewrite"/> writes it.
    /// </summary>
    public static void Rewrite(List<JsonObject> export, int index, string reason)
    {
        export[index]["operatorReason"] = reason;
        for (var i = index; i < export.Count; i++)
        {
            export[i]["previousHash"] = i == 0 ? AuditEntry.GenesisHash : export[i - 1]["contentHash"]!.GetValue<string>();
            export[i]["contentHash"] = AuditHasher.ContentHash(export[i]);
        }
    }

    /// <summary>Writes the entries of a <see cref="Rewrite"/> from <paramref name="index"/> on into the store, and the head's hash.</summary>
    public static void StoreRewrite(DbConnection connection, List<JsonObject> export, int index, string tenantId = "acme")
    {
        TestStore.DropTrigger(connection, "audit_entries_refuse_update");
        for (var i = index; i < export.Count; i++)
        {
            var reason = export[i]["operatorReason"]?.GetValue<string>();
            connection.Execute($"UPDATE audit_entries SET operator_reason = {(reason is null ? "NULL" : $"'{reason}'")}, " +
                               $"previous_hash = '{export[i]["previousHash"]}', content_hash = '{export[i]["contentHash"]}' " +
                               $"WHERE tenant_id = '{tenantId}' AND sequence = {i + 1}");
        }

        connection.Execute($"UPDATE audit_chain_heads SET content_hash = '{export[^1]["contentHash"]}' WHERE tenant_id = '{tenantId}'");
    }

    /// <summary>Cuts the chain after <paramref name="keep"/> entries and moves the head back onto the last one kept.</summary>
    public static void Truncate(DbConnection connection, long keep, string tenantId = "acme")
    {
        TestStore.DropTrigger(connection, "audit_entries_refuse_delete");
        connection.Execute($"DELETE FROM audit_entries WHERE tenant_id = '{tenantId}' AND sequence > {keep}");
        connection.Execute($"UPDATE audit_chain_heads SET sequence = {keep}, content_hash = " +
                           $"(SELECT content_hash FROM audit_entries WHERE tenant_id = '{tenantId}' AND sequence = {keep}) WHERE tenant_id = '{tenantId}'");
    }

    /// <summary>Deletes the tenant's Merkle tree (its nodes and right edge): the next start rebuilds it from the entries as they now are.</summary>
    public static void DropTree(DbConnection connection, string tenantId = "acme")
    {
        TestStore.DropTrigger(connection, "audit_tree_nodes_refuse_delete", "audit_tree_nodes");
        connection.Execute($"DELETE FROM audit_tree_nodes WHERE tenant_id = '{tenantId}'");
        connection.Execute(TestStore.IsPostgres
            ? $"UPDATE audit_chain_heads SET tree_frontier = ''::bytea WHERE tenant_id = '{tenantId}'"
            : $"UPDATE audit_chain_heads SET tree_frontier = X'' WHERE tenant_id = '{tenantId}'");
    }

    /// <summary>Deletes the tenant's signed checkpoints, so the server no longer knows what it vouched for.</summary>
    public static void DeleteCheckpoints(DbConnection connection, string tenantId = "acme")
    {
        TestStore.DropTrigger(connection, "audit_checkpoints_refuse_delete", "audit_checkpoints");
        connection.Execute($"DELETE FROM audit_checkpoints WHERE tenant_id = '{tenantId}'");
    }

    /// <summary>Adds a checkpoint row with <paramref name="note"/> (inserts are allowed: checkpoints are append-only).</summary>
    public static void InsertCheckpoint(DbConnection connection, long treeSize, byte[] rootHash, string note, string tenantId = "acme")
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit_checkpoints (tenant_id, tree_size, root_hash, signed_at, note) VALUES (@tenant, @size, @root, @at, @note)";
        Add(command, "tenant", tenantId);
        Add(command, "size", treeSize);
        Add(command, "root", rootHash);
        Add(command, "at", TestStore.IsPostgres ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.UtcTicks);
        Add(command, "note", note);
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
