using JobEngine.Core.Operators;
using JobEngine.Core.Protocol;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// A token with <c>orch:operate</c> or <c>orch:quota</c> says why and under which change ticket:
/// <c>operator_reason</c> and <c>operator_ticket</c> are required and validated. Sent with other
/// scopes they are still validated, but never stamped.
/// </summary>
internal sealed class RequireOperatorJustification : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    private const string ReasonName = WireNames.Parameters.OperatorReason;
    private const string TicketName = WireNames.Parameters.OperatorTicket;

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Rule<RequireOperatorJustification>(4);

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var state = TokenRequestState.Get(context.Transaction);

        if (!RequestParameters.TryGetSingle(context.Request, ReasonName, out var rawReason, out var error) ||
            !RequestParameters.TryGetSingle(context.Request, TicketName, out var rawTicket, out error))
        {
            TokenRequestHandler.Refuse(context, state, error);
            return default;
        }

        if (state.IsOperatorRequest && rawReason is null)
        {
            TokenRequestHandler.Refuse(context, state, $"The '{ReasonName}' parameter is required with the scopes orch:operate and orch:quota.");
            return default;
        }

        if (state.IsOperatorRequest && rawTicket is null)
        {
            TokenRequestHandler.Refuse(context, state, $"The '{TicketName}' parameter is required with the scopes orch:operate and orch:quota.");
            return default;
        }

        OperatorReason reason = default;
        OperatorTicket ticket = default;
        if (rawReason is not null && !OperatorReason.TryCreate(rawReason, out reason, out error))
        {
            TokenRequestHandler.Refuse(context, state, $"The '{ReasonName}' parameter {error}.");
            return default;
        }

        if (rawTicket is not null && !OperatorTicket.TryCreate(rawTicket, out ticket, out error))
        {
            TokenRequestHandler.Refuse(context, state, $"The '{TicketName}' parameter {error}.");
            return default;
        }

        if (state.IsOperatorRequest)
        {
            state.Reason = reason;
            state.Ticket = ticket;
        }

        return default;
    }
}
