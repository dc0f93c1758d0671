using JobEngine.Infrastructure.Diagnostics;
using JobEngine.WebService.Errors;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;

namespace JobEngine.WebService.Operators;

/// <summary>
/// The one gate of every operator action, placed outermost on the API so that it sees every
/// answer: it checks the action's scope, and records every refusal as <c>operator.action.denied</c>
/// (a missing scope, another tenant, a malformed body, a token without reason or ticket, an
/// invalid comment or route value: whatever produced it). A 404 or 409 is the action's outcome on
/// the resource, not a refusal of the request, and is not recorded.
/// </summary>
internal sealed class OperatorActionFilter(OperatorDenials denials, JobEngineMetrics metrics) : IEndpointFilter
{
    private static readonly ObjectFactory<OperatorActionFilter> Create = ActivatorUtilities.CreateFactory<OperatorActionFilter>([]);

    /// <summary>Installs the filter on the endpoints whose handler binds an <see cref="OperatorRequest{TBody}"/>, and nowhere else.</summary>
    public static EndpointFilterDelegate OnOperatorActions(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        if (!context.MethodInfo.GetParameters().Any(parameter =>
                parameter.ParameterType.IsGenericType && parameter.ParameterType.GetGenericTypeDefinition() == typeof(OperatorRequest<>)))
        {
            return next;
        }

        return invocation => Create(invocation.HttpContext.RequestServices, []).InvokeAsync(invocation, next);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var action = http.GetEndpoint()?.Metadata.GetMetadata<OperatorActionMetadata>()
            ?? throw new InvalidOperationException($"An operator action needs {nameof(OperatorActionMetadata)} (AsOperatorActions on its group).");

        var result = http.User.HasScope(action.Scope) ? await next(context) : Problems.InsufficientScope(http, action.Scope);
        if (Refusal(result) is { } refusal)
        {
            metrics.OperatorDenials.Add(1, new KeyValuePair<string, object?>("status", refusal.Status));
            await denials.RecordAsync(http, action, refusal.Status, refusal.Detail);
        }
        else if (Unwrap(result) is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            metrics.OperatorActions.Add(1, new KeyValuePair<string, object?>("route", (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText));
        }

        return result;
    }

    private static object? Unwrap(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result;
    }

    private static (int Status, string Detail)? Refusal(object? result)
    {
        result = Unwrap(result);
        return result is IStatusCodeHttpResult { StatusCode: { } status } and IValueHttpResult { Value: ProblemDetails problem }
               && status is >= 400 and < 500 and not (StatusCodes.Status404NotFound or StatusCodes.Status409Conflict)
            ? (status, problem.Detail ?? problem.Title ?? "")
            : null;
    }
}
