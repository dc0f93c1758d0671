using System.Text.Json;
using System.Text.Json.Nodes;
using JobEngine.Core.Audit;
using JobEngine.Core.Ledger;
using JobEngine.SignedNotes;

namespace JobEngine.Cli.Ledger;

/// <summary>
/// Verifies an NDJSON export offline with the ledger's own hash rule: every line parses, belongs
/// to one tenant, follows the previous sequence, links to the previous hash and hashes to its
/// <c>contentHash</c>. Names the first line that does not hold. On the way it computes the Merkle
/// root of the first <c>treeSize</c> entries, for a checkpoint of that size to be compared with.
/// </summary>
internal static class ExportFileVerifier
{
    /// <summary>The outcome; <see cref="RootAtTreeSize"/> is null when the export holds fewer entries than were asked for.</summary>
    public sealed record Result(bool Valid, long EntriesChecked, long HeadSequence, string? HeadHash, int? FirstInvalidLine, string? Problem)
    {
        public string? TenantId { get; init; }

        public byte[]? RootAtTreeSize { get; init; }

        /// <summary>Requires this valid export to extend <paramref name="checkpoint"/>: its tenant's, at least as long, with the signed root over its first entries.</summary>
        public void RequireExtends(Checkpoint checkpoint, string source)
        {
            if (TenantId is not null)
            {
                CheckpointNotes.RequireTenant(checkpoint, TenantId, source);
            }

            if (HeadSequence < checkpoint.TreeSize)
            {
                throw LedgerIntegrityException.Truncated(
                    $"The export holds {HeadSequence} entries; {source} vouches for {checkpoint.TreeSize}: " +
                    $"{LedgerIntegrityException.EntriesAre(HeadSequence + 1, checkpoint.TreeSize)} missing.");
            }

            if (RootAtTreeSize is null || !RootAtTreeSize.AsSpan().SequenceEqual(checkpoint.RootHash))
            {
                throw LedgerIntegrityException.Rewritten(
                    $"The first {checkpoint.TreeSize} entries of the export do not have the root {source} signed: " +
                    "an entry was rewritten (and every hash after it recomputed).");
            }
        }
    }

    public static async Task<Result> VerifyAsync(string path, long? treeSize, CancellationToken cancellationToken)
    {
        var verifier = new ChainVerifier();
        var tree = TreeFrontier.Empty;
        var completed = new List<(TreeNode Node, byte[] Hash)>();
        byte[]? root = treeSize == 0 ? MerkleHash.EmptyRoot : null;
        string? tenant = null;
        var lineNumber = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (!TryParse(line, out var entry, out var sequence, out var previousHash, out var contentHash, out var entryTenant))
            {
                return Invalid(verifier, lineNumber, "not a complete audit entry (truncated or not JSON)");
            }

            tenant ??= entryTenant;
            if (entryTenant != tenant)
            {
                return Invalid(verifier, lineNumber, $"tenant '{entryTenant}' in an export of tenant '{tenant}'");
            }

            verifier.Check(sequence, previousHash, contentHash, AuditHasher.ContentHashOfServed(entry));
            if (!verifier.Valid)
            {
                return Invalid(verifier, lineNumber, $"sequence {sequence} does not hold (content changed, entry missing or out of order)");
            }

            if (tree.Size < treeSize)
            {
                completed.Clear();
                tree = tree.Append(Convert.FromHexString(contentHash), completed);
                root = tree.Size == treeSize ? tree.Root() : root;
            }
        }

        return new Result(true, verifier.EntriesChecked, verifier.HeadSequence, verifier.HeadHash, null, null)
        {
            TenantId = tenant,
            RootAtTreeSize = root,
        };
    }

    private static Result Invalid(ChainVerifier verifier, int line, string problem) =>
        new(false, verifier.EntriesChecked, verifier.HeadSequence, verifier.HeadHash, line, problem);

    private static bool TryParse(string line, out JsonObject entry, out long sequence, out string previousHash,
        out string contentHash, out string? tenant)
    {
        entry = [];
        sequence = 0;
        previousHash = contentHash = "";
        tenant = null;
        try
        {
            if (JsonNode.Parse(line) is not JsonObject parsed
                || parsed["sequence"] is not JsonValue sequenceValue || !sequenceValue.TryGetValue(out sequence)
                || parsed["previousHash"]?.GetValue<string>() is not { } previous
                || parsed["contentHash"]?.GetValue<string>() is not { } content)
            {
                return false;
            }

            entry = parsed;
            previousHash = previous;
            contentHash = content;
            tenant = parsed["tenantId"]?.GetValue<string>();
            return true;
        }
        catch (Exception invalid) when (invalid is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }
}
