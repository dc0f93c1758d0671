using JobEngine.WebService.Errors;
using Microsoft.AspNetCore.Mvc;
using JobEngine.WebService.Tenancy;

namespace JobEngine.WebService.Operators;

/// <summary>
/// An operator action needs the token's <c>operator_reason</c> and <c>operator_ticket</c>: without
/// them the answer is 400 and nothing runs. With them, the action receives its
/// <see cref="CurrentOperator"/>. Every 400 of the action is recorded as a denial.
/// </summary>
internal sealed class RequireOperatorJustificationFilter(RequestTenant tenant, CurrentOperator current, OperatorDenialRecorder denials)
    : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var (operatorContext, missing) = OperatorContextResolver.Resolve(context.HttpContext, tenant.Id);
        if (operatorContext is null)
        {
            await denials.RecordIfOperatorActionAsync(context.HttpContext, $"Refused (400): the token carries no valid '{missing}' claim.");
            return Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.MissingOperatorJustification,
                "Operator actions need a reason and a change ticket.",
                $"The token carries no valid '{missing}' claim. Request a new token with operator_reason and operator_ticket "
                + "(for example: scope=orch:operate operator_reason=\"why\" operator_ticket=CHG-123).",
                missing);
        }

        current.Context = operatorContext;
        var result = await next(context);
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status400BadRequest } and IValueHttpResult { Value: ProblemDetails problem })
        {
            await denials.RecordIfOperatorActionAsync(context.HttpContext, $"Refused (400): {problem.Detail}");
        }

        return result;
    }
}
