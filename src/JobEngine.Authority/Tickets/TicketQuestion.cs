using System.Text.Json.Serialization;

namespace JobEngine.Authority.Tickets;

/// <summary>What the Authority asks a ticket system (the body of the POST to its validation URL).</summary>
internal sealed record TicketQuestion(
    [property: JsonPropertyName("tenant")] string Tenant,
    [property: JsonPropertyName("clientId")] string ClientId,
    [property: JsonPropertyName("sub")] string Subject,
    [property: JsonPropertyName("ticket")] string Ticket,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes)
{
    /// <summary>Who asks what of which system: a remembered "valid" is reused only for the same question.</summary>
    public string CacheKey(string system) =>
        string.Join('\n', system, Tenant, ClientId, Subject, Ticket, string.Join(' ', Scopes));
}

/// <summary>A ticket system's answer: <c>{"valid": true}</c>, or <c>{"valid": false, "message": "why"}</c>.</summary>
internal sealed record TicketAnswer(
    [property: JsonPropertyName("valid")] bool? Valid,
    [property: JsonPropertyName("message")] string? Message);

[JsonSerializable(typeof(TicketQuestion))]
[JsonSerializable(typeof(TicketAnswer))]
internal sealed partial class TicketJsonContext : JsonSerializerContext;
