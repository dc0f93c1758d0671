using JobEngine.Authority.Tickets;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// When the ticket's system has a validation URL, the system confirms the ticket before any operator
/// token is issued, to a client or to a person alike (<see cref="TicketValidator"/>). A refusal is
/// <c>invalid_request</c>; no answer in time is <c>temporarily_unavailable</c>; both are recorded
/// with the system's answer.
/// </summary>
internal sealed class RequireValidTicket(TicketValidator validator) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Rule<RequireValidTicket>(5);

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var state = TokenRequestState.Get(context.Transaction);
        if (state.Justification is not { System.ValidationUrl: not null } justification)
        {
            return;
        }

        var question = new TicketQuestion(
            state.Tenant ?? throw new InvalidOperationException("The tenant is selected before the ticket is validated."),
            state.Client.ClientId, state.Grantee.Id, justification.Ticket.Value, justification.Reason.Value, state.Scopes);
        var aborted = context.Transaction.GetHttpRequest()?.HttpContext.RequestAborted ?? default;
        var verdict = await validator.ValidateAsync(justification.System, question, aborted);
        if (!verdict.Accepted)
        {
            state.RefusedTicket = verdict;
            TokenRequestHandler.Refuse(context, state, verdict.Describe(justification.Ticket.Value), verdict.Error);
        }
    }
}
