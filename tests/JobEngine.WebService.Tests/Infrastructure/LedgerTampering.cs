using System.Data.Common;
using JobEngine.Core.Audit;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// What an insider with write access to the database does to hide a change to tenant acme's
/// ledger: drop the triggers in the way, rewrite or cut entries, recompute every later hash and
/// link and the chain head, so that the hash chain alone still verifies.
/// </summary>
public static class LedgerTampering
{
    /// <summary>Changes the operator reason of entry <paramref name="sequence"/> and re-hashes the chain from there.</summary>
    public static async Task RewriteAsync(string dataDirectory, HttpClient auditor, long sequence)
    {
        var export = await auditor.ExportAsync();
        var first = (int)sequence - 1;
        export[first]["operatorReason"] = "something else";
        for (var i = first; i < export.Count; i++)
        {
            export[i]["previousHash"] = i == 0 ? export[i]["previousHash"]!.GetValue<string>() : export[i - 1]["contentHash"]!.GetValue<string>();
            export[i]["contentHash"] = AuditHasher.ContentHash(export[i]);
        }

        using var connection = TestStore.Open(dataDirectory);
        TestStore.DropTrigger(connection, "audit_entries_refuse_update");
        for (var i = first; i < export.Count; i++)
        {
            var reason = export[i]["operatorReason"]?.GetValue<string>();
            connection.Execute($"UPDATE audit_entries SET operator_reason = {(reason is null ? "NULL" : $"'{reason}'")}, " +
                               $"previous_hash = '{export[i]["previousHash"]}', content_hash = '{export[i]["contentHash"]}' " +
                               $"WHERE tenant_id = 'acme' AND sequence = {i + 1}");
        }

        connection.Execute($"UPDATE audit_chain_heads SET content_hash = '{export[^1]["contentHash"]}' WHERE tenant_id = 'acme'");
    }

    /// <summary>Deletes every entry after <paramref name="keep"/> and moves the chain head back onto entry <paramref name="keep"/>.</summary>
    public static async Task CutAsync(string dataDirectory, HttpClient auditor, long keep)
    {
        var (_, page) = await auditor.GetJsonAsync("/api/v1/audit?limit=500");
        var kept = page.GetProperty("items").EnumerateArray().Single(entry => entry.GetProperty("sequence").GetInt64() == keep);
        using var connection = TestStore.Open(dataDirectory);
        TestStore.DropTrigger(connection, "audit_entries_refuse_delete");
        connection.Execute($"DELETE FROM audit_entries WHERE tenant_id = 'acme' AND sequence > {keep}");
        connection.Execute($"UPDATE audit_chain_heads SET sequence = {keep}, content_hash = '{kept.GetProperty("contentHash").GetString()}' WHERE tenant_id = 'acme'");
    }

    /// <summary>
    /// Deletes the tenant's Merkle tree, so that the next start rebuilds it from the entries as
    /// they now are: the most thorough forger's tree, made by the product's own code.
    /// </summary>
    public static void ForgetTree(DbConnection connection)
    {
        TestStore.DropTrigger(connection, "audit_tree_nodes_refuse_delete", "audit_tree_nodes");
        connection.Execute("DELETE FROM audit_tree_nodes WHERE tenant_id = 'acme'");
        connection.Execute($"UPDATE audit_chain_heads SET tree_frontier = {(TestStore.IsPostgres ? "''::bytea" : "X''")} WHERE tenant_id = 'acme'");
    }

    /// <summary>Deletes every checkpoint the store holds for the tenant.</summary>
    public static void DeleteCheckpoints(DbConnection connection)
    {
        TestStore.DropTrigger(connection, "audit_checkpoints_refuse_delete", "audit_checkpoints");
        connection.Execute("DELETE FROM audit_checkpoints WHERE tenant_id = 'acme'");
    }
}
