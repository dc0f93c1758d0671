using JobEngine.Authority.Clients;
using JobEngine.Core.Operators;
using OpenIddict.Server;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// What the validation handlers established about one token request, carried on the OpenIddict
/// transaction to the handler that builds the token and the one that records the outcome.
/// </summary>
internal sealed class TokenRequestState
{
    private const string PropertyName = "jobengine:token-request";

    public required ClientRegistration Client { get; init; }

    public IReadOnlyList<string> Scopes { get; set; } = [];

    public string? Tenant { get; set; }

    public OperatorReason? Reason { get; set; }

    public OperatorTicket? Ticket { get; set; }

    public string? TokenId { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>
    /// Whether the refusal of this request is recorded in the ledger as <c>authority.token.rejected</c>:
    /// refusals for the requested scopes or operator parameters are (see <see cref="TokenRequestHandler.Refuse"/>).
    /// </summary>
    public bool RecordRefusal { get; set; }

    /// <summary>
    /// The tenant whose ledger a refusal belongs to: the selected tenant, else the requested one
    /// when the client may use it, else the client's only tenant. Null when it cannot be told.
    /// </summary>
    public string? AttributableTenant(string? requestedTenant) =>
        Tenant
        ?? (requestedTenant is not null && Client.Tenants.Contains(requestedTenant, StringComparer.Ordinal) ? requestedTenant : null)
        ?? (Client.Tenants.Length == 1 ? Client.Tenants[0] : null);

    public bool IsOperatorRequest => Scopes.Any(Core.Security.OrchestratorScopes.RequiresOperatorJustification);

    public void AttachTo(OpenIddictServerTransaction transaction) => transaction.SetProperty(PropertyName, this);

    public static TokenRequestState? Find(OpenIddictServerTransaction transaction) =>
        transaction.GetProperty<TokenRequestState>(PropertyName);

    public static TokenRequestState Get(OpenIddictServerTransaction transaction) =>
        Find(transaction) ?? throw new InvalidOperationException("The client registration was not loaded for this token request.");
}
