using System.Globalization;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Ledger;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobEngine.WebService.Audit;

/// <summary>
/// RFC 9162 proofs over the tenant's Merkle tree (one leaf per entry, in sequence order): that an
/// entry is in the tree of a given size, and that a smaller tree is a prefix of a larger one.
/// Hashes are base64, as in checkpoints.
/// </summary>
internal static class AuditProofEndpoints
{
    public static RouteGroupBuilder MapAuditProofEndpoints(this RouteGroupBuilder audit)
    {
        audit.MapGet("/consistency", ConsistencyAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        audit.MapGet("/{entryId}/proof", InclusionAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return audit;
    }

    private static async Task<Results<Ok<InclusionProofResponse>, ProblemHttpResult>> InclusionAsync(
        string entryId, string? treeSize, RequestTenant tenant, IAuditRepository ledger, AuditTree tree, Checkpoints checkpoints,
        CancellationToken cancellationToken)
    {
        var entry = Guid.TryParse(entryId, out var id) ? await ledger.GetAsync(tenant.Id, id, cancellationToken) : null;
        if (entry is null)
        {
            return Problems.NotFound($"No audit entry {entryId}.");
        }

        // By default, the proof is against the newest signed checkpoint that holds the entry (else the tree as it is).
        var current = await tree.SizeAsync(tenant.Id, cancellationToken);
        var size = await checkpoints.NewestAsync(tenant.Id, cancellationToken) is { } newest && newest.TreeSize >= entry.Sequence && newest.TreeSize <= current
            ? newest.TreeSize
            : current;
        if (treeSize is not null && (!long.TryParse(treeSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < entry.Sequence || size > current))
        {
            return Problems.Invalid("treeSize",
                $"treeSize must be a whole number from {entry.Sequence} (this entry's sequence) to {current} (the tree's size).");
        }

        var proof = await tree.InclusionAsync(tenant.Id, entry.Sequence - 1, size, cancellationToken);
        return TypedResults.Ok(new InclusionProofResponse(
            proof.LeafIndex, proof.TreeSize, Convert.ToBase64String(proof.RootHash), [.. proof.AuditPath.Select(Convert.ToBase64String)]));
    }

    private static async Task<Results<Ok<ConsistencyProofResponse>, ProblemHttpResult>> ConsistencyAsync(
        string? first, string? second, RequestTenant tenant, AuditTree tree, CancellationToken cancellationToken)
    {
        var current = await tree.SizeAsync(tenant.Id, cancellationToken);
        if (!long.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to > current)
        {
            return Problems.Invalid("second", $"second is required: a tree size from 0 to {current} (the tree's size).");
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var from) || from > to)
        {
            return Problems.Invalid("first", $"first is required: a tree size from 0 to second ({to}).");
        }

        var proof = await tree.ConsistencyAsync(tenant.Id, from, to, cancellationToken);
        return TypedResults.Ok(new ConsistencyProofResponse(from, to, [.. proof.Select(Convert.ToBase64String)]));
    }
}
