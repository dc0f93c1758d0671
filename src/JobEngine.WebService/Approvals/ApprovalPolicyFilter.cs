using System.Text.Json;
using JobEngine.Application.Approvals;
using JobEngine.Core.Protocol;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Operators;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace JobEngine.WebService.Approvals;

/// <summary>
/// The one place where an approval policy holds an operator action back: on every endpoint marked
/// <see cref="ApprovableAction.Approvable"/>, once the request is accepted (scope, tenant, body,
/// reason and ticket), an action under a policy for the tenant is not run but stored as an
/// approval request (its action name, route value and body) and answered <c>202</c> with it. It
/// runs when approved (<see cref="ApprovalService.ApproveAsync"/>), through the same use case.
/// </summary>
internal sealed class ApprovalPolicyFilter(IOptionsMonitor<ApprovalOptions> options, ApprovalService approvals, IOptions<JsonOptions> json) : IEndpointFilter
{
    private static readonly ObjectFactory<ApprovalPolicyFilter> Create = ActivatorUtilities.CreateFactory<ApprovalPolicyFilter>([]);

    /// <summary>Installs the filter on operator actions (those binding an <see cref="IOperatorRequest"/>); it acts on those marked approvable.</summary>
    public static EndpointFilterDelegate OnApprovableActions(EndpointFilterFactoryContext context, EndpointFilterDelegate next) =>
        context.MethodInfo.GetParameters().Any(parameter => parameter.ParameterType.IsAssignableTo(typeof(IOperatorRequest)))
            ? invocation => Create(invocation.HttpContext.RequestServices, []).InvokeAsync(invocation, next)
            : next;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<ApprovableActionMetadata>()?.Action is not { } action
            || context.Arguments.OfType<IOperatorRequest>().FirstOrDefault() is not { By: { } by, Body: { } body }
            || options.CurrentValue.Find(action, by.TenantId) is not { } policy)
        {
            return await next(context);
        }

        var routeValue = http.GetEndpoint()!.Metadata.GetMetadata<OperatorActionMetadata>()?.RouteValue;
        var resourceId = routeValue is null ? null : http.Request.RouteValues[routeValue]?.ToString();
        var arguments = JsonSerializer.Serialize(body, body.GetType(), json.Value.SerializerOptions);
        var outcome = await approvals.RequestAsync(by, policy, action, resourceId, arguments, http.RequestAborted);
        return outcome.TryGet(out var request, out var failure)
            ? TypedResults.Accepted($"{WireNames.Routes.Api}/approvals/{request.Id}", ApprovalResponse.From(request))
            : Problems.From(failure);
    }
}
