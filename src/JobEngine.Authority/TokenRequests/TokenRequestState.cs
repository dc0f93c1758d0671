using JobEngine.Authority.Clients;
using JobEngine.Authority.Tickets;
using OpenIddict.Server;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// What the validation handlers established about one token request, carried on the OpenIddict
/// transaction to the handler that builds the token and the one that records the outcome.
/// </summary>
internal sealed class TokenRequestState
{
    private const string PropertyName = "jobengine:token-request";

    /// <summary>The client the request came through (the public client, for a person).</summary>
    public required ClientRegistration Client { get; init; }

    /// <summary>Whom the token is for: the client itself, or the person who signed in.</summary>
    public required Grantee Grantee { get; init; }

    public required RequestedGrant Requested { get; init; }

    public IReadOnlyList<string> Scopes { get; set; } = [];

    public string? Tenant { get; set; }

    /// <summary>The operator reason, ticket (with its system) and reason code, once validated.</summary>
    public Justification? Justification { get; set; }

    /// <summary>What the ticket system answered when it refused the ticket or could not be asked, for the ledger.</summary>
    public TicketVerdict? RefusedTicket { get; set; }

    public string? TokenId { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>
    /// Whether the refusal of this request is recorded in the ledger as <c>authority.token.rejected</c>:
    /// refusals for the requested scopes or operator parameters are (see <see cref="TokenRequestHandler.Refuse"/>).
    /// </summary>
    public bool RecordRefusal { get; set; }

    /// <summary>
    /// The tenant whose ledger a refusal belongs to: the selected tenant, else the requested one
    /// when the grantee may use it, else the grantee's only tenant. Null when it cannot be told.
    /// </summary>
    public string? AttributableTenant(string? requestedTenant) =>
        Tenant
        ?? (requestedTenant is not null && Grantee.Tenants.Contains(requestedTenant, StringComparer.Ordinal) ? requestedTenant : null)
        ?? (Grantee.Tenants.Length == 1 ? Grantee.Tenants[0] : null);

    public bool IsOperatorRequest => Scopes.Any(Core.Security.OrchestratorScopes.RequiresOperatorJustification);

    public void AttachTo(OpenIddictServerTransaction transaction) => transaction.SetProperty(PropertyName, this);

    public static TokenRequestState? Find(OpenIddictServerTransaction transaction) =>
        transaction.GetProperty<TokenRequestState>(PropertyName);

    public static TokenRequestState Get(OpenIddictServerTransaction transaction) =>
        Find(transaction) ?? throw new InvalidOperationException("The client registration was not loaded for this token request.");
}
