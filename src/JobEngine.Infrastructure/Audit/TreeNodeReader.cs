using System.Data.Common;
using JobEngine.Core.Ledger;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
        var postgres = db.Database.IsNpgsql();
        TreeNode[][] slices = postgres || stored.Length <= SqliteSlice ? [stored] : [.. stored.Chunk(SqliteSlice)];
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var i = 0; i < slices.Length; i++)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                var query = new TreeQuery(command, postgres, tenantId);
                query.AddNodes(slices[i]);
                if (i == 0)
                {
                    query.AddEntries(recomputed);
                }

                if (query.IsEmpty)
                {
                    continue;
                }

                command.CommandText = query.Sql;
                await using var rows = await command.ExecuteReaderAsync(cancellationToken);
                while (await rows.ReadAsync(cancellationToken))
                {
                    if (await rows.IsDBNullAsync(3, cancellationToken))
                    {
                        found[new TreeNode(rows.GetInt32(0), rows.GetInt64(1))] = (byte[])rows.GetValue(2);
                    }
                    else
                    {
                        leaves[rows.GetInt64(1) - 1] = Convert.FromHexString(rows.GetString(3));
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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

    /// <summary>
    /// The query's text and parameters, built a branch at a time and joined with <c>UNION ALL</c>. Its
    /// text is built here and run as is: through EF Core, each new text (the number of nodes varies)
    /// would be compiled into a new query, and a signing pass paid that compilation for most tenants.
    /// </summary>
    private sealed class TreeQuery
    {
        private readonly List<string> _branches = [];
        private readonly DbCommand _command;
        private readonly bool _postgres;

        public TreeQuery(DbCommand command, bool postgres, string tenantId)
        {
            _command = command;
            _postgres = postgres;
            Parameter(tenantId);
        }

        public bool IsEmpty => _branches.Count == 0;

        public string Sql => string.Join(" UNION ALL ", _branches);

        public void AddNodes(IReadOnlyCollection<TreeNode> nodes)
        {
            if (nodes.Count == 0)
            {
                return;
            }

            var named = _postgres
                ? $"SELECT * FROM unnest({Parameter(nodes.Select(node => node.Level).ToArray())}, {Parameter(nodes.Select(node => node.Index).ToArray())})"
                : "VALUES " + string.Join(", ", nodes.Select(node => $"({Parameter(node.Level)}, {Parameter(node.Index)})"));
            _branches.Add($"SELECT level, node_index, hash, {Null("text")} FROM audit_tree_nodes WHERE tenant_id = @p0 AND (level, node_index) IN ({named})");
        }

        /// <summary>The entries under <paramref name="nodes"/> (unstored ones): their sequences in one array on PostgreSQL, as ranges on SQLite.</summary>
        public void AddEntries(IReadOnlyCollection<TreeNode> nodes)
        {
            if (nodes.Count == 0)
            {
                return;
            }

            var ranges = SequenceRanges(nodes);
            string within;
            if (_postgres)
            {
                var sequences = ranges.SelectMany(range => Enumerable.Range(0, (int)(range.Last - range.First + 1)).Select(offset => range.First + offset)).ToArray();
                within = $"sequence = ANY({Parameter(sequences)})";
            }
            else
            {
                within = string.Join(" OR ", ranges.Select(range => $"sequence BETWEEN {Parameter(range.First)} AND {Parameter(range.Last)}"));
            }

            _branches.Add($"SELECT -1, sequence, {Null("bytea")}, content_hash FROM audit_entries WHERE tenant_id = @p0 AND ({within})");
        }

        // A bare NULL has no type of its own for PostgreSQL to resolve the union's column with.
        private string Null(string postgresType) => _postgres ? $"NULL::{postgresType}" : "NULL";

        private string Parameter(object value)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@p" + _command.Parameters.Count;
            parameter.Value = value;
            _command.Parameters.Add(parameter);
            return parameter.ParameterName;
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
    }
}
