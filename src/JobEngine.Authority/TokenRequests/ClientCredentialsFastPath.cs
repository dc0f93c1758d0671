using System.Text.Json;
using JobEngine.Authority.Clients;
using JobEngine.Authority.Keys;
using JobEngine.Authority.Lockouts;
using JobEngine.Authority.Tickets;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using JobEngine.Infrastructure.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Answers the common client credentials request, one a known client with a secret already verified
/// sends again, without OpenIddict's request pipeline: the same rules (<see cref="RequestedGrant"/>,
/// <see cref="TenantSelection"/>, <see cref="OperatorJustification"/>, the lockouts, the client's
/// permissions), the same claims (<see cref="AccessTokenClaims"/>), one signature with the active key,
/// and the operator token recorded in the ledger before the answer, as <see cref="RecordTokenIssuance"/>
/// records it. Anything else, and every request a rule would refuse, goes on to OpenIddict, which
/// answers it with its error and records the refusal: this path only ever issues, never refuses.
/// </summary>
internal sealed class ClientCredentialsFastPath(
    RequestDelegate next,
    ClientRegistrationCache registrations,
    VerifiedSecretCache verifiedSecrets,
    TicketRules ticketRules,
    TokenLedger ledger,
    SigningKeyRing ring,
    IOptionsMonitor<OpenIddictServerOptions> server,
    IOptionsMonitor<AuthorityOptions> authority,
    JobEngineMetrics metrics,
    TimeProvider time,
    ILogger<ClientCredentialsFastPath> logger)
{
    private static readonly PathString TokenPath = "/" + WireNames.Routes.Token;

    // What a client credentials request may carry here; any other parameter is OpenIddict's to judge.
    private static readonly HashSet<string> Understood = new(StringComparer.Ordinal)
    {
        Parameters.GrantType, Parameters.ClientId, Parameters.ClientSecret, Parameters.Scope, WireNames.Parameters.Tenant,
        WireNames.Parameters.OperatorReason, WireNames.Parameters.OperatorTicket, WireNames.Parameters.OperatorReasonCode,
    };

    private static readonly JsonWebTokenHandler Tokens = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || request.Path != TokenPath || !IsUrlEncodedForm(request)
            || request.Headers.Authorization.Count > 0
            || !await TryIssueAsync(context, await request.ReadFormAsync(context.RequestAborted)))
        {
            await next(context);
        }
    }

    private async Task<bool> TryIssueAsync(HttpContext context, IFormCollection form)
    {
        if (!IsPlainClientCredentials(form)
            || registrations.Find(form[Parameters.ClientId]!) is not { } application
            || FastPathClient.Of(application) is not { IsConfidential: true, Registration.IsRelyingParty: false } client
            || !verifiedSecrets.Contains(verifiedSecrets.KeyFor(application.ClientId, application.ClientSecret, form[Parameters.ClientSecret]!))
            || Validate(client, form) is not { } state
            || SignWithActiveKey.Choose(ring, server.CurrentValue.SigningCredentials.FirstOrDefault()) is not { } credentials
            || server.CurrentValue.Issuer is not { } issuer)
        {
            return false;
        }

        var limiter = context.RequestServices.GetRequiredService<FailureLimiter>();
        if (await limiter.FindLockoutAsync(FailureSubject.Of(state.Client.ClientId, context.Connection.RemoteIpAddress), context.RequestAborted) is not null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var lifetime = AccessTokenClaims.Lifetime(state, authority.CurrentValue);
        state.TokenId = Guid.NewGuid().ToString();
        state.ExpiresAt = now + lifetime;
        var token = Sign(state, issuer, now, credentials);

        // Recorded before it is answered, as in OpenIddict's pipeline; a record that fails leaves the
        // request to that pipeline, which tries again or refuses it.
        if (state.IsOperatorRequest && !(await ledger.AppendAsync(TokenAuditRecords.Issued(state, context.Request), context.RequestAborted)).Succeeded)
        {
            return false;
        }

        metrics.TokensIssued.Add(1, new KeyValuePair<string, object?>("operator", state.IsOperatorRequest));
        TokenLog.Issued(logger, state, TokenLog.FastPath);
        await WriteAnswerAsync(context.Response, state, token);
        return true;
    }

    /// <summary>The only body OpenIddict takes at the token endpoint (a multipart form, which ASP.NET Core would also read, it refuses).</summary>
    private static bool IsUrlEncodedForm(HttpRequest request) =>
        request.HasFormContentType
        && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A client credentials request with each parameter once and nothing this path does not understand.</summary>
    private static bool IsPlainClientCredentials(IFormCollection form)
    {
        if (form[Parameters.GrantType] != GrantTypes.ClientCredentials
            || form[Parameters.ClientId].Count != 1 || form[Parameters.ClientSecret].Count != 1)
        {
            return false;
        }

        foreach (var (name, values) in form)
        {
            if (!Understood.Contains(name) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The token rules, in OpenIddict's order; null as soon as one would refuse (OpenIddict then says why).</summary>
    private TokenRequestState? Validate(FastPathClient client, IFormCollection form)
    {
        var requested = RequestedGrant.From(new OpenIddictRequest(form));
        var grantee = Grantee.Of(client.Registration);
        var scopes = requested.Scopes;
        var registered = server.CurrentValue.Scopes;
        if (scopes.Count == 0 || !client.MayRequest(scopes)
            || !scopes.All(scope => registered.Contains(scope) && OrchestratorRoles.AnyGrants(grantee.Roles, scope)))
        {
            return null;
        }

        var state = new TokenRequestState { Client = client.Registration, Grantee = grantee, Requested = requested, Scopes = scopes };
        if (!requested.TryGet(WireNames.Parameters.Tenant, out var wanted, out _)
            || TenantSelection.Choose(grantee, wanted) is not { Tenant: { } tenant })
        {
            return null;
        }

        state.Tenant = tenant;

        // A ticket its system must confirm is asked over the network: OpenIddict's pipeline does that (RequireValidTicket).
        if (!OperatorJustification.TryRead(requested, state.IsOperatorRequest, tenant, ticketRules, out var justification, out _)
            || justification?.System?.ValidationUrl is not null)
        {
            return null;
        }

        state.Justification = justification;
        return state;
    }

    /// <summary>The JWT OpenIddict would write for the same request: same header, claims and lifetime, a fresh <c>jti</c>.</summary>
    private static string Sign(TokenRequestState state, Uri issuer, DateTimeOffset now, SigningCredentials credentials)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Claims.Issuer] = issuer.AbsoluteUri,
            [Claims.ExpiresAt] = state.ExpiresAt!.Value.ToUnixTimeSeconds(),
            [Claims.IssuedAt] = now.ToUnixTimeSeconds(),
            [Claims.Audience] = WireNames.Audience,
            [Claims.Scope] = string.Join(' ', state.Scopes),
            [Claims.JwtId] = state.TokenId!,
        };
        foreach (var group in AccessTokenClaims.Of(state).GroupBy(claim => claim.Name, claim => claim.Value))
        {
            var values = group.ToList();
            claims[group.Key] = values.Count == 1 ? values[0] : values;
        }

        claims[Claims.Private.Presenter] = state.Client.ClientId;
        return Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            TokenType = JsonWebTokenTypes.AccessToken,
            SigningCredentials = credentials,
        });
    }

    /// <summary>OpenIddict's token response: the same members and cache headers.</summary>
    private Task WriteAnswerAsync(HttpResponse response, TokenRequestState state, string token)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json;charset=UTF-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "Thu, 01 Jan 1970 00:00:00 GMT";
        var expiresIn = (long)Math.Round(Math.Max((state.ExpiresAt!.Value - time.GetUtcNow()).TotalSeconds, 0));
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new TokenAnswer(string.Join(' ', state.Scopes), token, TokenTypes.Bearer, expiresIn), TokenAnswerJson.Default.TokenAnswer);
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, response.HttpContext.RequestAborted).AsTask();
    }
}
