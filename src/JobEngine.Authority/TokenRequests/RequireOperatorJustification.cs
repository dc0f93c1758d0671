using JobEngine.Authority.Tickets;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// A token with <c>orch:operate</c> or <c>orch:quota</c> says why and under which ticket of the
/// tenant's ticket systems (<see cref="OperatorJustification"/>): a client's request sends them, a
/// person's device or console sent them when it asked for its code.
/// </summary>
internal sealed class RequireOperatorJustification(TicketRules rules) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Rule<RequireOperatorJustification>(4);

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var state = TokenRequestState.Get(context.Transaction);
        var justified = OperatorJustification.TryRead(state.Requested, state.IsOperatorRequest, state.Tenant, rules, out var justification, out var error);
        state.Justification = justification;
        if (!justified)
        {
            TokenRequestHandler.Refuse(context, state, error!);
        }

        return default;
    }
}
