using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using JobEngine.Authority;
using JobEngine.Core.Operators;
using JobEngine.Core.Protocol;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace JobEngine.WebService.Operators;

/// <summary>
/// An operator action's request, bound once: who acts and why (the token's tenant, actor, client,
/// token id, reason and ticket, and the ticket system, ticket link and reason code it was issued
/// with), the body with its validated comment, and where the request came
/// from. Binding never throws: whatever makes the request unacceptable (a malformed body, a token
/// without justification, a bad comment) is kept as <see cref="Refusal"/>, so that it is answered
/// and recorded on the same path as every other refusal (<see cref="OperatorActionFilter"/>).
/// </summary>
internal sealed class OperatorRequest<TBody> : IOperatorRequest, IEndpointParameterMetadataProvider
    where TBody : class, IOperatorActionBody<TBody>
{
    private OperatorRequest(OperatorContext? by, TBody? body, ProblemHttpResult? refusal)
    {
        By = by;
        Body = body;
        Refusal = refusal;
    }

    public OperatorContext? By { get; }

    public TBody? Body { get; }

    public ProblemHttpResult? Refusal { get; }

    object? IOperatorRequest.Body => Body;

    public bool TryGet([NotNullWhen(true)] out OperatorContext? by, [NotNullWhen(true)] out TBody? body, [NotNullWhen(false)] out ProblemHttpResult? refusal)
    {
        (by, body, refusal) = (By, Body, Refusal);
        return refusal is null && by is not null && body is not null;
    }

    /// <summary>
    /// Names the JSON body this request reads, for the OpenAPI document. Not as <c>IAcceptsMetadata</c>:
    /// routing would answer a wrong content type itself, and that refusal would go unrecorded.
    /// </summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new OperatorActionBodyMetadata(typeof(TBody), Optional: TBody.Empty is not null));

    public static async ValueTask<OperatorRequest<TBody>> BindAsync(HttpContext http)
    {
        var (body, bodyRefusal) = await ReadBodyAsync(http);
        if (bodyRefusal is not null)
        {
            return Refused(bodyRefusal);
        }

        var claims = TokenClaims.From(http.User);
        if (!OperatorReason.TryCreate(claims.OperatorReason, out var reason, out _))
        {
            return Refused(MissingJustification(WireNames.Claims.OperatorReason));
        }

        if (!OperatorTicket.TryCreate(claims.OperatorTicket, out var ticket, out _))
        {
            return Refused(MissingJustification(WireNames.Claims.OperatorTicket));
        }

        if (!OperatorComment.TryNormalize(body!.Comment, out var comment, out var commentError))
        {
            return Refused(Problems.Invalid("comment", $"comment {commentError}."));
        }

        var by = new OperatorContext(
            claims.Tenant ?? "", claims.Actor, claims.Client, claims.TokenId ?? "", reason, ticket, comment, RequestMetadataReader.From(http), claims.ActorType,
            claims.OperatorTicketSystem, claims.OperatorTicketUrl, claims.ReasonCode);
        return new OperatorRequest<TBody>(by, body, null);
    }

    private static OperatorRequest<TBody> Refused(ProblemHttpResult refusal) => new(null, null, refusal);

    private static async Task<(TBody? Body, ProblemHttpResult? Refusal)> ReadBodyAsync(HttpContext http)
    {
        var request = http.Request;
        var hasBody = request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            return TBody.Empty is { } empty
                ? (empty, null)
                : (null, Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.MalformedRequest,
                    "The request body could not be read.", "This request needs a JSON body."));
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.MalformedRequest,
                "The request body could not be read.", "The body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var body = await JsonSerializer.DeserializeAsync<TBody>(request.Body, json, http.RequestAborted) ?? TBody.Empty;
            return body is null
                ? (null, Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.MalformedRequest,
                    "The request body could not be read.", "This request needs a JSON object, not null."))
                : (body, null);
        }
        catch (JsonException exception)
        {
            var (field, detail) = JsonBodyErrors.Describe(exception);
            return (null, Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.MalformedRequest,
                "The request body could not be read.", detail, field));
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel refuses a body over its size limit (413) or a broken chunked encoding (400).
            var status = exception.StatusCode == StatusCodes.Status413PayloadTooLarge ? exception.StatusCode : StatusCodes.Status400BadRequest;
            return (null, Problems.Create(status,
                status == StatusCodes.Status413PayloadTooLarge ? ProblemTypes.PayloadTooLarge : ProblemTypes.MalformedRequest,
                "The request body could not be read.", exception.Message));
        }
    }

    private static ProblemHttpResult MissingJustification(string missing) =>
        Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.MissingOperatorJustification,
            "Operator actions need a reason and a change ticket.",
            $"The token carries no valid '{missing}' claim. Request a new token with operator_reason and operator_ticket "
            + "(for example: scope=orch:operate operator_reason=\"why\" operator_ticket=CHG-123).",
            missing);
}

/// <summary>An operator action's bound request, whatever its body type (for the filters around every action).</summary>
internal interface IOperatorRequest
{
    OperatorContext? By { get; }

    object? Body { get; }
}
