using JobEngine.WebService.Errors;

namespace JobEngine.WebService.Tenancy;

/// <summary>Resolves the tenant before any API handler runs; a mismatch is 403 and nothing runs.</summary>
internal sealed class RequireTenantFilter(TenantResolver resolver, RequestTenant tenant) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var resolution = resolver.Resolve(http.User, http.Request.Headers);
        if (resolution.TenantId is null)
        {
            return ValueTask.FromResult<object?>(Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.TenantMismatch,
                "The request's tenant is not the token's tenant.", resolution.Refusal!));
        }

        tenant.Id = resolution.TenantId;
        return next(context);
    }
}
