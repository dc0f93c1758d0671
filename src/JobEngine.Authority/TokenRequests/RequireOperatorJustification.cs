using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// A token with <c>orch:operate</c> or <c>orch:quota</c> says why and under which change ticket
/// (<see cref="OperatorJustification"/>): a client's request sends them, a person's device sent them
/// when it asked for its code.
/// </summary>
internal sealed class RequireOperatorJustification : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Rule<RequireOperatorJustification>(4);

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var state = TokenRequestState.Get(context.Transaction);
        if (!OperatorJustification.TryRead(state.Requested, state.IsOperatorRequest, out var justification, out var error))
        {
            TokenRequestHandler.Refuse(context, state, error);
            return default;
        }

        if (justification is var (reason, ticket))
        {
            state.Reason = reason;
            state.Ticket = ticket;
        }

        return default;
    }
}
