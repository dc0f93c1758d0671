using JobEngine.Core.Ledger;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// Reads the tree nodes a proof needs in one query: the stored ones by (level, index), and the
/// entries under the unstored ones (below <see cref="TreeNode.LowestStoredLevel"/>), whose hashes
/// are then recomputed from those entries' content hashes. LINQ cannot match (level, index) pairs
/// without reading a cross product, so they are matched in SQL as row values (a <c>VALUES</c> list on
/// SQLite, two arrays unnested on PostgreSQL). The SQL text holds placeholders only; every value is a
/// parameter.
/// </summary>
public sealed class TreeNodeReader(JobEngineDbContext db)
{
    // SQLite finds each named parameter by a linear search when it is bound, so binding costs the
    // square of a query's parameters: the backfill's reads of a page's nodes spent most of their time
    // there. A proof's nodes (fewer than 100) still take one query.
    private const int SqliteSlice = 100;

    public async Task<IReadOnlyDictionary<TreeNode, byte[]>> ReadAsync(
        string tenantId, IReadOnlyCollection<TreeNode> nodes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<TreeNode, byte[]>(nodes.Count);
        var stored = nodes.Where(node => node.IsStored).ToArray();
        var recomputed = nodes.Where(node => !node.IsStored).ToArray();
        var leaves = new Dictionary<long, byte[]>();
        TreeNode[][] slices = db.Database.IsNpgsql() || stored.Length <= SqliteSlice ? [stored] : [.. stored.Chunk(SqliteSlice)];
        for (var i = 0; i < slices.Length; i++)
        {
            var parts = new TreeQuery(db.Database.IsNpgsql(), tenantId);
            parts.AddNodes(slices[i]);
            if (i == 0)
            {
                parts.AddEntries(SequenceRanges(recomputed));
            }

            if (parts.IsEmpty)
            {
                continue;
            }

            foreach (var row in await db.Database.SqlQueryRaw<TreeRow>(parts.Sql, [.. parts.Parameters]).ToListAsync(cancellationToken))
            {
                if (row.ContentHash is null)
                {
                    found[new TreeNode(row.Level, row.Index)] = row.Hash!;
                }
                else
                {
                    leaves[row.Index - 1] = Convert.FromHexString(row.ContentHash);
                }
            }
        }

        foreach (var node in recomputed)
        {
            if (HashOf(node, leaves) is { } hash)
            {
                found[node] = hash;
            }
        }

        return found;
    }

    /// <summary>The node's hash from its leaves, or null when an entry under it is missing.</summary>
    private static byte[]? HashOf(TreeNode node, Dictionary<long, byte[]> leaves)
    {
        var tree = TreeFrontier.Empty;
        var completed = new List<(TreeNode Node, byte[] Hash)>();
        for (var leaf = node.FirstLeaf; leaf < node.FirstLeaf + node.LeafCount; leaf++)
        {
            if (!leaves.TryGetValue(leaf, out var data))
            {
                return null;
            }

            tree = tree.Append(data, completed);
        }

        return tree.Root();
    }

    /// <summary>The sequences of the entries under <paramref name="nodes"/>, as ranges merged where they touch.</summary>
    private static List<(long First, long Last)> SequenceRanges(IEnumerable<TreeNode> nodes)
    {
        var ranges = new List<(long First, long Last)>();
        foreach (var node in nodes.OrderBy(node => node.FirstLeaf))
        {
            var (first, last) = (node.FirstLeaf + 1, node.FirstLeaf + node.LeafCount);
            if (ranges.Count > 0 && first <= ranges[^1].Last + 1)
            {
                ranges[^1] = (ranges[^1].First, Math.Max(ranges[^1].Last, last));
            }
            else
            {
                ranges.Add((first, last));
            }
        }

        return ranges;
    }

    /// <summary>One row of the query: a stored node (its hash), or an entry under an unstored node (its sequence and content hash).</summary>
    private sealed class TreeRow
    {
        public int Level { get; init; }

        public long Index { get; init; }

        public byte[]? Hash { get; init; }

        public string? ContentHash { get; init; }
    }

    /// <summary>The query's text and parameters, built a branch at a time and joined with <c>UNION ALL</c>.</summary>
    private sealed class TreeQuery(bool postgres, string tenantId)
    {
        private readonly List<string> _branches = [];

        public List<object> Parameters { get; } = [tenantId];

        public bool IsEmpty => _branches.Count == 0;

        public string Sql => string.Join(" UNION ALL ", _branches);

        public void AddNodes(IReadOnlyCollection<TreeNode> nodes)
        {
            if (nodes.Count == 0)
            {
                return;
            }

            string named;
            if (postgres)
            {
                named = $"SELECT * FROM unnest({Parameter(nodes.Select(node => node.Level).ToArray())}, {Parameter(nodes.Select(node => node.Index).ToArray())})";
            }
            else
            {
                named = "VALUES " + string.Join(", ", nodes.Select(node => $"({Parameter(node.Level)}, {Parameter(node.Index)})"));
            }

            _branches.Add($"SELECT level AS \"Level\", node_index AS \"Index\", hash AS \"Hash\", {Null("text")} AS \"ContentHash\" " +
                          $"FROM audit_tree_nodes WHERE tenant_id = {{0}} AND (level, node_index) IN ({named})");
        }

        public void AddEntries(IReadOnlyCollection<(long First, long Last)> sequences)
        {
            if (sequences.Count == 0)
            {
                return;
            }

            var within = string.Join(" OR ", sequences.Select(range => $"sequence BETWEEN {Parameter(range.First)} AND {Parameter(range.Last)}"));
            _branches.Add($"SELECT -1 AS \"Level\", sequence AS \"Index\", {Null("bytea")} AS \"Hash\", content_hash AS \"ContentHash\" " +
                          $"FROM audit_entries WHERE tenant_id = {{0}} AND ({within})");
        }

        // PostgreSQL resolves a union's column types from its first branch, where a bare NULL has none.
        private string Null(string postgresType) => postgres ? $"NULL::{postgresType}" : "NULL";

        private string Parameter(object value)
        {
            Parameters.Add(value);
            return $"{{{Parameters.Count - 1}}}";
        }
    }
}
