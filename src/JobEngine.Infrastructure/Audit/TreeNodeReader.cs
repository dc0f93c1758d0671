using JobEngine.Core.Ledger;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// Reads the tree nodes a proof needs in one query: a proof needs O(log n) nodes named by
/// (level, index) pairs, which LINQ cannot match as pairs without reading a cross product, so the
/// pairs are matched in SQL as row values (a <c>VALUES</c> list on SQLite, two arrays unnested
/// on PostgreSQL). The SQL text holds placeholders only; every value is a parameter.
/// </summary>
public sealed class TreeNodeReader(JobEngineDbContext db)
{
    // SQLite finds each named parameter by a linear search when it is bound, so binding costs the
    // square of a query's parameters: the backfill's reads of a page's ~2,000 nodes spent most of their
    // time there. A proof's nodes (fewer than 100) still take one query.
    private const int SqliteSlice = 100;

    public async Task<IReadOnlyDictionary<TreeNode, byte[]>> ReadAsync(
        string tenantId, IReadOnlyCollection<TreeNode> nodes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<TreeNode, byte[]>(nodes.Count);
        IEnumerable<TreeNode[]> slices = db.Database.IsNpgsql() ? [[.. nodes]] : nodes.Chunk(SqliteSlice);
        foreach (var slice in slices.Where(slice => slice.Length > 0))
        {
            var query = db.Database.IsNpgsql() ? PostgresQuery(tenantId, slice) : SqliteQuery(tenantId, slice);
            foreach (var row in await query.AsNoTracking().ToListAsync(cancellationToken))
            {
                found[row.Node] = row.Hash;
            }
        }

        return found;
    }

    private IQueryable<AuditTreeNode> PostgresQuery(string tenantId, IReadOnlyCollection<TreeNode> nodes)
    {
        int[] levels = [.. nodes.Select(node => node.Level)];
        long[] indexes = [.. nodes.Select(node => node.Index)];
        const string sql = "SELECT * FROM audit_tree_nodes WHERE tenant_id = {0} AND (level, node_index) IN (SELECT * FROM unnest({1}, {2}))";
        return db.AuditTreeNodes.FromSqlRaw(sql, tenantId, levels, indexes);
    }

    private IQueryable<AuditTreeNode> SqliteQuery(string tenantId, IReadOnlyCollection<TreeNode> nodes)
    {
        var parameters = new List<object> { tenantId };
        var pairs = new List<string>(nodes.Count);
        foreach (var node in nodes)
        {
            pairs.Add($"({{{parameters.Count}}}, {{{parameters.Count + 1}}})");
            parameters.Add(node.Level);
            parameters.Add(node.Index);
        }

        var sql = "SELECT * FROM audit_tree_nodes WHERE tenant_id = {0} AND (level, node_index) IN (VALUES " + string.Join(", ", pairs) + ")";
        return db.AuditTreeNodes.FromSqlRaw(sql, [.. parameters]);
    }
}
