using System.Text.Json;
using System.Text.Json.Nodes;
using JobEngine.Core.Audit;

namespace JobEngine.Cli;

/// <summary>
/// Verifies an NDJSON export offline with the ledger's own hash rule: every line parses, belongs
/// to one tenant, follows the previous sequence, links to the previous hash and hashes to its
/// <c>contentHash</c>. Names the first line that does not hold.
/// </summary>
internal static class ExportFileVerifier
{
    public sealed record Result(bool Valid, long EntriesChecked, long HeadSequence, string? HeadHash, int? FirstInvalidLine, string? Problem);

    public static async Task<Result> VerifyAsync(string path, CancellationToken cancellationToken)
    {
        var verifier = new ChainVerifier();
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

            verifier.Check(sequence, previousHash, contentHash, AuditHasher.ContentHash(entry));
            if (!verifier.Valid)
            {
                return Invalid(verifier, lineNumber, $"sequence {sequence} does not hold (content changed, entry missing or out of order)");
            }
        }

        return new Result(true, verifier.EntriesChecked, verifier.HeadSequence, verifier.HeadHash, null, null);
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
