using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.WebService.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobEngine.WebService.Operators;

/// <summary>The edge of every operator action: a refused request answers its refusal, else the use case runs and its outcome is answered.</summary>
internal static class OperatorEndpoint
{
    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> RunAsync<TBody, T, TResponse>(
        OperatorRequest<TBody> request, Func<OperatorContext, TBody, Task<Outcome<T>>> act, Func<T, TResponse> respond)
        where TBody : class, IOperatorActionBody<TBody>
    {
        if (!request.TryGet(out var by, out var body, out var refusal))
        {
            return refusal;
        }

        var outcome = await act(by, body);
        return outcome.TryGet(out var value, out var failure) ? TypedResults.Ok(respond(value)) : Problems.From(failure);
    }

    /// <summary>Marks a group as operator actions on <paramref name="resourceType"/>, allowed with <paramref name="scope"/>.</summary>
    public static RouteGroupBuilder AsOperatorActions(this RouteGroupBuilder group, string resourceType, string routeValue, string scope) =>
        group.WithMetadata(new OperatorActionMetadata(resourceType, routeValue, scope))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
