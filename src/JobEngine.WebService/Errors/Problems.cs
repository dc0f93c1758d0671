using JobEngine.Core.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace JobEngine.WebService.Errors;

/// <summary>Turns expected failures into RFC 9457 problem details with stable types.</summary>
internal static class Problems
{
    public static ProblemHttpResult From(Failure failure) => failure.Kind switch
    {
        FailureKind.Invalid => Invalid(failure.Field ?? "request", failure.Detail),
        FailureKind.NotFound => Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", failure.Detail),
        FailureKind.Conflict => Create(StatusCodes.Status409Conflict, ProblemTypes.Conflict,
            "The resource's state does not allow this.", failure.Detail),
        FailureKind.Forbidden => Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden,
            "This caller may not do this.", failure.Detail),
        FailureKind.TooLarge => Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge,
            "The payload is too large.", failure.Detail, failure.Field),
        FailureKind.Unavailable => Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.LedgerUnavailable,
            "The store, and with it the audit ledger, cannot be written right now.", failure.Detail),
        FailureKind.Busy => Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.LedgerUnavailable,
            "The audit ledger's writer has too much waiting; nothing was taken.", failure.Detail, retryAfterSeconds: RetryWhenBusySeconds),
        FailureKind.IntegrityViolated => Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.LedgerIntegrity,
            "The audit ledger no longer matches its signed checkpoints.", failure.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, null),
    };

    /// <summary>A 400 naming the field: <c>errors</c> maps it to the message, as validation problems do.</summary>
    public static ProblemHttpResult Invalid(string field, string detail) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.Validation, "The request is not valid.", detail, field);

    public static ProblemHttpResult NotFound(string detail) => From(Failure.NotFound(detail));

    /// <summary>403 for a valid token without <paramref name="scope"/>, with the RFC 6750 challenge naming it.</summary>
    public static ProblemHttpResult InsufficientScope(HttpContext http, string scope)
    {
        http.Response.Headers.WWWAuthenticate =
            $"Bearer error=\"insufficient_scope\", error_description=\"The token lacks the scope this request needs.\", scope=\"{scope}\"";
        return Create(StatusCodes.Status403Forbidden, ProblemTypes.InsufficientScope,
            "The token lacks the scope this request needs.", $"This request needs a token with the scope '{scope}'.");
    }

    /// <summary>How long a client should wait before trying a refused-when-busy request again: a batch commits in milliseconds.</summary>
    public const int RetryWhenBusySeconds = 1;

    /// <summary>The extension that carries <c>Retry-After</c> to <see cref="RetryAfterHeader"/>, which also sends it as the header.</summary>
    public const string RetryAfterExtension = "retryAfter";

    public static ProblemHttpResult Create(int status, string type, string title, string detail, string? field = null, int? retryAfterSeconds = null)
    {
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        if (retryAfterSeconds is { } seconds)
        {
            problem.Extensions[RetryAfterExtension] = seconds;
        }

        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return TypedResults.Problem(problem);
    }
}
