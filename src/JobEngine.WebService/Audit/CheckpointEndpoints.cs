using System.Globalization;
using JobEngine.Core.Protocol;
using JobEngine.Infrastructure.Ledger;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobEngine.WebService.Audit;

/// <summary>
/// Signed checkpoints of the tenant's tree (C2SP signed notes): the newest, the list, signing one
/// now, and the anonymous verifier key an auditor pins.
/// </summary>
internal static class CheckpointEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static RouteGroupBuilder MapCheckpointEndpoints(this RouteGroupBuilder audit)
    {
        audit.MapGet("/checkpoint", NewestAsync).ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/checkpoints", ListAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        audit.MapPost("/checkpoints", SignAsync).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return audit;
    }

    /// <summary>The verifier key, outside the tenant-scoped API group: anyone may fetch it, no token needed.</summary>
    public static IEndpointRouteBuilder MapCheckpointKeyEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{WireNames.Routes.Api}/audit/checkpoint-key", (CheckpointKey key) => TypedResults.Text(key.VerifierKey, "text/plain"))
            .AllowAnonymous()
            .WithTags("Audit");
        return app;
    }

    private static async Task<Results<Ok<CheckpointResponse>, ProblemHttpResult>> NewestAsync(
        RequestTenant tenant, Checkpoints checkpoints, CancellationToken cancellationToken) =>
        await checkpoints.NewestAsync(tenant.Id, cancellationToken) is { } newest
            ? TypedResults.Ok(CheckpointResponse.From(newest))
            : Problems.NotFound("No checkpoint has been signed for this tenant yet; POST /api/v1/audit/checkpoints signs one.");

    private static async Task<Results<Ok<CheckpointListResponse>, ProblemHttpResult>> ListAsync(
        string? fromSize, string? limit, RequestTenant tenant, Checkpoints checkpoints, CancellationToken cancellationToken)
    {
        var from = 0L;
        if (fromSize is not null && !long.TryParse(fromSize, NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            return Problems.Invalid("fromSize", "fromSize must be a whole number (a tree size).");
        }

        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return Problems.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        var items = await checkpoints.ListAsync(tenant.Id, from, count + 1, cancellationToken);
        var next = items.Count > count ? items[count].TreeSize : (long?)null;
        return TypedResults.Ok(new CheckpointListResponse([.. items.Take(count).Select(CheckpointResponse.From)], next));
    }

    private static async Task<Results<Created<CheckpointResponse>, Ok<CheckpointResponse>, ProblemHttpResult>> SignAsync(
        RequestTenant tenant, Checkpoints checkpoints, CancellationToken cancellationToken)
    {
        if (!(await checkpoints.SignAsync(tenant.Id, cancellationToken)).TryGet(out var signed, out var failure))
        {
            return Problems.From(failure);
        }

        var response = CheckpointResponse.From(signed.Checkpoint);
        return signed.Created ? TypedResults.Created($"{WireNames.Routes.Api}/audit/checkpoint", response) : TypedResults.Ok(response);
    }
}
