using JobEngine.Authority.TokenRequests;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using JobEngine.Core.Tenants;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.DeviceRequests;

/// <summary>
/// A device asks for its token's scopes, tenant and operator parameters when it starts: the
/// scope is required, the tenant well-formed, and the operator parameters valid by the rules a
/// client's token request meets (<see cref="OperatorJustification"/>), so a person never approves
/// a request that could not be issued for want of a reason or ticket.
/// </summary>
internal sealed class RequireDeviceRequestParameters : IOpenIddictServerHandler<ValidateDeviceAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.After<ValidateDeviceAuthorizationRequestContext, RequireDeviceRequestParameters>(
            OpenIddictServerHandlers.Device.ValidateScopePermissions.Descriptor, step: 1);

    public ValueTask HandleAsync(ValidateDeviceAuthorizationRequestContext context)
    {
        var requested = RequestedGrant.From(context.Request);
        if (requested.Scopes.Count == 0)
        {
            context.Reject(Errors.InvalidScope,
                $"The 'scope' parameter is required: request one or more of {string.Join(", ", OrchestratorScopes.All)}.");
            return default;
        }

        if (!requested.TryGet(WireNames.Parameters.Tenant, out var tenant, out var error))
        {
            context.Reject(Errors.InvalidRequest, error);
            return default;
        }

        if (tenant is not null && !TenantId.TryCreate(tenant, out _, out error))
        {
            context.Reject(Errors.InvalidRequest, $"The 'tenant' parameter {error}.");
            return default;
        }

        var operatorScope = requested.Scopes.Any(OrchestratorScopes.RequiresOperatorJustification);
        if (!OperatorJustification.TryRead(requested, operatorScope, out _, out error))
        {
            context.Reject(Errors.InvalidRequest, error);
        }

        return default;
    }
}
