using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using JobEngine.Core.Audit;
using JobEngine.Core.Security;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Ledger;
using JobEngine.Infrastructure.Ledger.Witnesses;
using JobEngine.Infrastructure.Persistence;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Paging;
using JobEngine.WebService.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace JobEngine.WebService.Audit;

/// <summary>The tenant's audit ledger: query (by ticket among others), read, verify, export. Read-only.</summary>
internal static class AuditEndpoints
{
    private const string CursorList = "audit";
    private const int ExportFlushEvery = 256;

    // Non-ASCII text is written as UTF-8, not \u escapes, so an export reads as it was recorded.
    private static readonly JsonWriterOptions ExportJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(OrchestratorScopes.Audit);
        audit.MapGet("/", ListAsync);
        audit.MapGet("/verify", VerifyAsync);
        audit.MapGet("/export", ExportAsync).Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");
        audit.MapGet("/stream", StreamAsync)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        audit.MapGet("/{entryId}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapAuditProofEndpoints();
        audit.MapCheckpointEndpoints();

        // Entries are immutable: no method may change one, whoever asks.
        api.MapMethods("/audit/{entryId}", [HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], RefuseMutation)
            .AllowAnonymous()
            .WithTags("Audit")
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed);
        return audit;
    }

    private static async Task<Results<Ok<AuditEntryListResponse>, ProblemHttpResult>> ListAsync(
        string? eventType, string? resourceType, string? resourceId, string? actorId, string? operatorTicket,
        string? operatorTicketSystem, string? operatorReasonCode, string? since, string? until, string? limit, string? cursor,
        RequestTenant tenant, IAuditRepository ledger, CancellationToken cancellationToken)
    {
        if (!AuditListFilter.Parse(
                eventType, resourceType, resourceId, actorId, operatorTicket, operatorTicketSystem, operatorReasonCode, since, until).TryGet(out var query, out var invalidFilter))
        {
            return Problems.From(invalidFilter);
        }

        if (!PageRequest.Parse(limit, cursor, CursorList).TryGet(out var request, out var invalidPage))
        {
            return Problems.From(invalidPage);
        }

        long? after = null;
        if (request.AfterKey is not null)
        {
            if (!long.TryParse(request.AfterKey, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return Problems.Invalid("cursor", "cursor is not a cursor this list returned.");
            }

            after = sequence;
        }

        var entries = await ledger.QueryAsync(tenant.Id, query, after, request.Limit, cancellationToken);
        var next = entries.Count == request.Limit
            ? Cursor.Encode(CursorList, entries[^1].Sequence.ToString(CultureInfo.InvariantCulture))
            : null;
        return TypedResults.Ok(new AuditEntryListResponse([.. entries.Select(entry => new AuditEntryView(entry))], next));
    }

    private static async Task<Results<Ok<AuditEntryView>, ProblemHttpResult>> GetAsync(
        string entryId, RequestTenant tenant, IAuditRepository ledger, CancellationToken cancellationToken)
    {
        var entry = Guid.TryParse(entryId, out var id) ? await ledger.GetAsync(tenant.Id, id, cancellationToken) : null;
        return entry is null ? Problems.NotFound($"No audit entry {entryId}.") : TypedResults.Ok(new AuditEntryView(entry));
    }

    /// <summary>
    /// Recomputes every hash and link of the chain, and checks every checkpoint, stored or held by a
    /// directory witness, against the tree rebuilt from the entries. A checkpoint whose root no longer holds names the first entry
    /// after the last checkpoint that still does (the rewrite lies between the two).
    /// </summary>
    private static async Task<Ok<AuditVerificationResponse>> VerifyAsync(
        RequestTenant tenant, IAuditRepository ledger, Checkpoints checkpoints, WitnessedCheckpoints witnessed, CheckpointKey key,
        IOptions<LedgerOptions> options, CancellationToken cancellationToken)
    {
        var chain = new ChainVerifier();
        var known = await witnessed.AllAsync(tenant.Id, cancellationToken);
        known.AddRange((await checkpoints.ListAsync(tenant.Id, 0, int.MaxValue, cancellationToken))
            .Select(checkpoint => new CheckpointNote(checkpoint.TreeSize, checkpoint.Note)));
        var signed = new CheckpointVerifier(known, key.Verifier, options.Value.OriginOf(tenant.Id));
        await foreach (var entry in ledger.StreamAsync(tenant.Id, cancellationToken))
        {
            chain.Check(entry);
            signed.Add(entry.ContentHash);
        }

        signed.Finish();
        var firstInvalid = chain.FirstInvalidSequence
                           ?? (signed.FirstInvalidCheckpoint is not null ? signed.LastVerifiedSize + 1 : null);
        return TypedResults.Ok(new AuditVerificationResponse(
            chain.Valid && signed.Valid, chain.EntriesChecked, chain.HeadSequence, chain.HeadHash, firstInvalid,
            signed.CheckpointsChecked, signed.TruncatedAt, signed.FirstInvalidCheckpoint));
    }

    /// <summary>Streams every entry as one JSON line, in sequence order, flushing as it goes.</summary>
    private static async Task ExportAsync(HttpContext http, RequestTenant tenant, IAuditRepository ledger, CancellationToken cancellationToken)
    {
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{tenant.Id}.ndjson\"";
        var body = http.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body, ExportJson);
        var written = 0;
        await foreach (var entry in ledger.StreamAsync(tenant.Id, cancellationToken))
        {
            AuditEntryJson.Write(json, entry);
            json.Flush();
            json.Reset();
            body.Write("\n"u8);
            if (++written % ExportFlushEvery == 0)
            {
                await body.FlushAsync(cancellationToken);
            }
        }

        await body.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Server-Sent Events from <paramref name="afterSequence"/> (or the <c>Last-Event-ID</c> a
    /// reconnecting client sends, which wins), then live; see <see cref="AuditStream"/>.
    /// </summary>
    private static async Task<IResult> StreamAsync(
        HttpContext http, string? afterSequence, RequestTenant tenant, IAuditRepository ledger, CommitSignal commits, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (field, value) = http.Request.Headers["Last-Event-ID"] is { Count: > 0 } lastEventId
            ? ("Last-Event-ID", lastEventId.ToString())
            : ("afterSequence", afterSequence ?? "0");
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            return Problems.Invalid(field, $"{field} must be a sequence number (0 or more).");
        }

        await new AuditStream(http, ledger, commits, time).RunAsync(tenant.Id, after, http.User.GetExpirationDate(), cancellationToken);
        return Results.Empty;
    }

    private static ProblemHttpResult RefuseMutation(HttpContext http)
    {
        http.Response.Headers.Allow = HttpMethods.Get;
        return Problems.Create(StatusCodes.Status405MethodNotAllowed, ProblemTypes.MethodNotAllowed,
            "Audit entries are immutable.", "Audit entries can only be read (GET); they are never changed or deleted.");
    }
}
