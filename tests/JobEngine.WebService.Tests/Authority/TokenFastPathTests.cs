using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Authority;

/// <summary>
/// The common client credentials request is answered beside OpenIddict's pipeline once the client's
/// secret is known (ClientCredentialsFastPath). On a new store a client's first request takes
/// OpenIddict's pipeline (no process has checked its secret yet); the log says which one wrote each token.
/// </summary>
public sealed class TokenFastPathTests : IAsyncLifetime
{
    private static readonly TestClient Operator = new("fast-operator", "fast-operator-test-secret", ["globex"], ["Orch.Operator"]);
    private static readonly TestClient TwoTenants = new("fast-platform", "fast-platform-test-secret", ["acme", "globex"], ["Orch.Operator", "Orch.Auditor"]);
    private static readonly TestClient Viewer = new("fast-viewer", "fast-viewer-test-secret", ["acme"], ["Orch.Viewer"]);
    private static readonly TestClient Auditor = new("fast-auditor", "fast-auditor-test-secret", ["globex"], ["Orch.Auditor"]);

    // Members that differ between any two tokens or ledger entries, whoever wrote them.
    private static readonly string[] PerToken = ["jti", "iat", "exp"];
    private static readonly string[] PerEntry = ["entryId", "sequence", "occurredAt", "correlationId", "tokenId", "resourceId", "contentHash", "previousHash", "description", "newState"];

    private readonly JobEngineApp _app = new([Operator, TwoTenants, Viewer, Auditor], settings: new Dictionary<string, string?>
    {
        ["JobEngine:Tickets:Systems:0:Name"] = "globex-tracker",
        ["JobEngine:Tickets:Systems:0:Pattern"] = "GLX-[0-9]+",
        ["JobEngine:Tickets:Systems:0:LinkTemplate"] = "https://tickets.example.com/browse/{ticket}",
        ["JobEngine:Tickets:Systems:0:Tenants:0"] = "globex",
    })
    { Logs = new CapturingLoggerProvider() };

    [Fact]
    public async Task AnOperatorToken_WrittenBesideOpenIddict_EqualsOpenIddicts_ClaimForClaim_AndIsRecordedAlike()
    {
        var tokens = new TokenClient(_app.CreateClient());
        (string, string)[] justification = [("operator_reason", "disk full"), ("operator_ticket", "GLX-42"), ("operator_reason_code", "incident")];

        var first = await tokens.RequestAsync(Operator, "orch:read orch:operate", justification);
        var second = await tokens.RequestAsync(Operator, "orch:read orch:operate", justification);

        var (full, fast) = (Jwt.Parse(first.AccessToken), Jwt.Parse(second.AccessToken));
        Assert.Equal("openiddict", WrittenBy(full));
        Assert.Equal("fast-path", WrittenBy(fast));
        AssertSameToken(full, fast);
        Assert.Equal("https://tickets.example.com/browse/GLX-42", fast.Claim("operator_ticket_url"));
        Assert.Equal("incident", fast.Claim("operator_reason_code"));
        AssertSameAnswer(first, second);

        using var auditor = ApiFixture.ClientFor(_app, Auditor, "orch:read orch:audit");
        var (_, page) = await auditor.GetJsonAsync("/api/v1/audit?eventType=authority.token.issued&operatorTicket=GLX-42");
        var entries = page.GetProperty("items").EnumerateArray().ToList();
        var byOpenIddict = Assert.Single(entries, entry => entry.GetProperty("tokenId").GetString() == full.Claim("jti"));
        var byFastPath = Assert.Single(entries, entry => entry.GetProperty("tokenId").GetString() == fast.Claim("jti"));
        Assert.Equal(Members(byOpenIddict, PerEntry), Members(byFastPath, PerEntry));
        Assert.Equal(fast.Claim("jti"), byFastPath.GetProperty("resourceId").GetString());
        Assert.Equal(byOpenIddict.GetProperty("newState").GetProperty("scope").GetString(), byFastPath.GetProperty("newState").GetProperty("scope").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(fast.Payload.GetProperty("exp").GetInt64()),
            DateTimeOffset.Parse(byFastPath.GetProperty("newState").GetProperty("expiresAt").GetString()!), TimeSpan.FromSeconds(1));

        var (verified, verification) = await auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, verified);
        Assert.True(verification.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task ATokenOfSeveralRolesForANamedTenant_IsWrittenAlike_AndAcceptedByTheApi()
    {
        var tokens = new TokenClient(_app.CreateClient());

        var first = await tokens.RequestAsync(TwoTenants, "orch:read orch:audit", ("tenant", "globex"));
        var second = await tokens.RequestAsync(TwoTenants, "orch:read orch:audit", ("tenant", "globex"));

        var (full, fast) = (Jwt.Parse(first.AccessToken), Jwt.Parse(second.AccessToken));
        Assert.Equal(("openiddict", "fast-path"), (WrittenBy(full), WrittenBy(fast)));
        AssertSameToken(full, fast);
        Assert.Equal(["Orch.Auditor", "Orch.Operator"], fast.Claims("role"));
        Assert.Equal(3600, fast.Payload.GetProperty("exp").GetInt64() - fast.Payload.GetProperty("iat").GetInt64());
        AssertSameAnswer(first, second);

        using var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", second.AccessToken);
        var (status, page) = await api.GetJsonAsync("/api/v1/audit?limit=1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Array, page.GetProperty("items").ValueKind);
    }

    [Fact]
    public async Task EveryRequestARuleRefuses_IsStillAnsweredByOpenIddict_OnceTheSecretIsKnown()
    {
        var tokens = new TokenClient(_app.CreateClient());
        Assert.Equal(200, (await tokens.RequestAsync(Viewer, "orch:read")).Status);

        var wrongSecret = await tokens.RequestAsync(Viewer with { Secret = "not-the-secret-of-fast-viewer" }, "orch:read");
        Assert.Equal((401, "invalid_client"), (wrongSecret.Status, wrongSecret.Error));
        (await tokens.RequestAsync(Viewer, "orch:operate", ("operator_reason", "r"), ("operator_ticket", "T-1"))).AssertRefused("invalid_scope", "orch:operate");
        (await tokens.RequestAsync(Viewer, "orch:read", ("tenant", "globex"))).AssertRefused("invalid_request", "tenant");
        (await tokens.RequestAsync(Viewer, "orch:read orch:nonsense")).AssertRefused("invalid_scope");
        (await tokens.RequestAsync(Viewer, "")).AssertRefused("invalid_scope", "scope");
        (await tokens.RequestAsync(Viewer, "orch:read", ("tenant", "acme"), ("tenant", "acme"))).AssertRefused("invalid_request", "tenant");
        (await tokens.RequestAsync(Viewer, "orch:read", ("resource", "https://elsewhere.example/"))).AssertRefused("invalid_target");
        (await tokens.RequestAsync(Viewer, "orch:read", ("audience", "elsewhere"))).AssertRefused("invalid_request", "audience");

        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in TokenClient.Form(Viewer, "orch:read"))
        {
            multipart.Add(new StringContent(value), name);
        }

        using var multipartAnswer = await _app.CreateClient().PostAsync("/connect/token", multipart);
        Assert.Equal(HttpStatusCode.BadRequest, multipartAnswer.StatusCode);
        Assert.Contains("invalid_request", await multipartAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (fastTokens, openIddictTokens) = Issued();
        Assert.DoesNotContain(fastTokens, line => line.Contains("fast-viewer", StringComparison.Ordinal));
        Assert.Single(openIddictTokens, line => line.Contains("fast-viewer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOperatorRequestWithoutItsJustification_IsRefusedAndRecorded_AfterAnIssuedOne()
    {
        var tokens = new TokenClient(_app.CreateClient());
        Assert.Equal(200, (await tokens.RequestAsync(Operator, "orch:operate", ("operator_reason", "r"), ("operator_ticket", "GLX-7"))).Status);

        (await tokens.RequestAsync(Operator, "orch:operate", ("operator_ticket", "GLX-8"))).AssertRefused("invalid_request", "operator_reason");
        (await tokens.RequestAsync(Operator, "orch:operate", ("operator_reason", "r"), ("operator_ticket", "JIRA-8"))).AssertRefused("invalid_request", "operator_ticket");

        using var auditor = ApiFixture.ClientFor(_app, Auditor, "orch:read orch:audit");
        var (_, page) = await auditor.GetJsonAsync("/api/v1/audit?eventType=authority.token.rejected&limit=200");
        var rejected = page.GetProperty("items").EnumerateArray()
            .Where(entry => entry.GetProperty("clientId").GetString() == Operator.ClientId).ToList();
        Assert.Equal(2, rejected.Count);
        Assert.Contains(rejected, entry => entry.GetProperty("description").GetString()!.Contains("operator_reason", StringComparison.Ordinal));
        Assert.Contains(rejected, entry => entry.GetProperty("operatorTicket").GetString() == "JIRA-8");
    }

    [Fact]
    public async Task OnlyTheLogOfAFastPathTokenSaysSo_AndNoSecretIsLogged()
    {
        var tokens = new TokenClient(_app.CreateClient());
        await tokens.RequestAsync(Auditor, "orch:read orch:audit");
        await tokens.RequestAsync(Auditor, "orch:read orch:audit");

        var (fastTokens, openIddictTokens) = Issued();
        Assert.Single(fastTokens, line => line.Contains("fast-auditor", StringComparison.Ordinal));
        Assert.Single(openIddictTokens, line => line.Contains("fast-auditor", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs!.Lines, line => line.Contains(Auditor.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterARestart_AConfiguredClientsFirstToken_IsWrittenBesideOpenIddict_ItsSecretCheckedAtStartUp()
    {
        Assert.Equal(200, (await new TokenClient(_app.CreateClient()).RequestAsync(Viewer, "orch:read")).Status);
        await using var restarted = new JobEngineApp([Operator, TwoTenants, Viewer, Auditor], _app.DataDirectory) { Logs = new CapturingLoggerProvider() };

        var first = await new TokenClient(restarted.CreateClient()).RequestAsync(Viewer, "orch:read");

        Assert.Equal(200, first.Status);
        var jti = Jwt.Parse(first.AccessToken).Claim("jti");
        Assert.Contains(restarted.Logs!.Lines, line => line.Contains($"Token {jti} issued", StringComparison.Ordinal)
            && line.Contains("written by fast-path", StringComparison.Ordinal));
    }

    private static void AssertSameToken(Jwt full, Jwt fast)
    {
        Assert.Equal(full.Header.ToString(), fast.Header.ToString());
        Assert.Equal(Members(full.Payload, PerToken), Members(fast.Payload, PerToken));
        Assert.Equal(
            full.Payload.GetProperty("exp").GetInt64() - full.Payload.GetProperty("iat").GetInt64(),
            fast.Payload.GetProperty("exp").GetInt64() - fast.Payload.GetProperty("iat").GetInt64());
        Assert.NotEqual(full.Claim("jti"), fast.Claim("jti"));
    }

    private static void AssertSameAnswer(TokenResponse full, TokenResponse fast)
    {
        Assert.Equal(
            full.Body.EnumerateObject().Select(member => member.Name).Order(StringComparer.Ordinal),
            fast.Body.EnumerateObject().Select(member => member.Name).Order(StringComparer.Ordinal));
        Assert.Equal(full.Body.GetProperty("token_type").GetString(), fast.Body.GetProperty("token_type").GetString());
        Assert.Equal(full.Body.GetProperty("scope").GetString(), fast.Body.GetProperty("scope").GetString());
        Assert.InRange(fast.Body.GetProperty("expires_in").GetInt64() - full.Body.GetProperty("expires_in").GetInt64(), -2, 2);
    }

    /// <summary>Every member but <paramref name="except"/>, name and JSON value, in name order.</summary>
    private static List<string> Members(JsonElement element, string[] except) =>
        [.. element.EnumerateObject().Where(member => !except.Contains(member.Name)).Select(member => $"{member.Name}={member.Value.GetRawText()}").Order(StringComparer.Ordinal)];

    private string WrittenBy(Jwt token)
    {
        var line = Assert.Single(_app.Logs!.Lines, line => line.Contains($"Token {token.Claim("jti")} issued", StringComparison.Ordinal));
        return line.Contains("written by fast-path", StringComparison.Ordinal) ? "fast-path"
            : line.Contains("written by openiddict", StringComparison.Ordinal) ? "openiddict" : "unknown";
    }

    private (List<string> Fast, List<string> OpenIddict) Issued()
    {
        var issued = _app.Logs!.Lines.Where(line => line.Contains(" issued to ", StringComparison.Ordinal)).ToList();
        return ([.. issued.Where(line => line.Contains("written by fast-path", StringComparison.Ordinal))],
            [.. issued.Where(line => line.Contains("written by openiddict", StringComparison.Ordinal))]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        TestStore.Delete(_app.DataDirectory);
    }
}
