using System.Text.Json.Nodes;
using JobEngine.Core.Audit;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.Tickets;

/// <summary>
/// What came of asking a ticket system about a ticket: accepted, refused (the system answered no),
/// or unavailable (no usable answer within the time allowed, so the request fails closed).
/// <see cref="Answer"/> is what the system said, or what went wrong, in a form fit for a refusal
/// and the ledger: never the validation URL, which may hold credentials.
/// </summary>
internal sealed record TicketVerdict(TicketVerdict.Kind Outcome, string System, int? Status, string Answer)
{
    public enum Kind
    {
        Accepted,
        Refused,
        Unavailable,
    }

    public bool Accepted => Outcome == Kind.Accepted;

    /// <summary>The OAuth error a token request gets when the ticket is not accepted.</summary>
    public string Error => Outcome == Kind.Unavailable ? Errors.TemporarilyUnavailable : Errors.InvalidRequest;

    public string Describe(string ticket) => Outcome switch
    {
        Kind.Refused => $"The ticket system '{System}' refused the ticket '{ticket}': {Answer}",
        _ => $"The ticket system '{System}' could not confirm the ticket '{ticket}' ({Answer}), so no operator token was issued. Try again later.",
    };

    /// <summary>The answer as the <c>authority.token.rejected</c> entry keeps it.</summary>
    public string ToState() => new JsonObject
    {
        ["ticketSystem"] = System,
        ["outcome"] = Outcome == Kind.Refused ? "refused" : "unavailable",
        ["status"] = Status,
        ["answer"] = Answer,
    }.Stored();
}
