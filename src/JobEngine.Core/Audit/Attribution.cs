namespace JobEngine.Core.Audit;

/// <summary>
/// Who an entry is attributed to and why: the actor, the client and token it acted with, and the
/// operator reason, ticket and comment when there are any, with the ticket's system, its link and
/// the reason code when the token carried them.
/// </summary>
public sealed record Attribution(
    string? ActorId,
    string ActorType,
    string? ClientId,
    string? TokenId,
    string? OperatorReason = null,
    string? OperatorTicket = null,
    string? Comment = null,
    string? OperatorTicketSystem = null,
    string? TicketUrl = null,
    string? OperatorReasonCode = null);

/// <summary>The kinds of actor an entry names (<c>actorType</c>).</summary>
public static class ActorTypes
{
    public const string Client = "client";

    /// <summary>A person who signed in (a local or an upstream user).</summary>
    public const string User = "user";

    /// <summary>The server itself, applying a rule nobody triggered at that moment (an approval request's expiry).</summary>
    public const string System = "system";

    /// <summary>A caller that has not authenticated, such as one guessing a client's secret.</summary>
    public const string Anonymous = "anonymous";
}
