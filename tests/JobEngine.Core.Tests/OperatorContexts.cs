using JobEngine.Core.Operators;

namespace JobEngine.Core.Tests;

internal static class OperatorContexts
{
    public static OperatorContext Acme(string actor = "acme-operator", string reason = "maintenance", string ticket = "TICKET-123")
    {
        OperatorReason.TryCreate(reason, out var validReason, out _);
        OperatorTicket.TryCreate(ticket, out var validTicket, out _);
        return new OperatorContext("acme", actor, actor, Guid.NewGuid().ToString(), validReason, validTicket, null,
            new RequestMetadata("corr-1", "POST", "/api/v1/jobs/x/cancel", "127.0.0.1", "tests"));
    }
}
