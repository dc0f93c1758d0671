using System.Net;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JobEngine.WebService.Tests.People;

public sealed class CodeFlowFixture : IAsyncLifetime
{
    public ApiFixture Api { get; } = ApiFixture.With(new Dictionary<string, string?>(TestUser.Settings())
    {
        ["JobEngine:Authority:ConsoleRedirectUris:0"] = CodeFlow.RedirectUri,
    });

    public CodeFlow NewFlow() => new(
        Api.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), Api.App.CreateClient());

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => Api.DisposeAsync();
}

public sealed class CodeFlowTests(CodeFlowFixture fixture) : IClassFixture<CodeFlowFixture>
{
    private readonly CodeFlow _flow = fixture.NewFlow();

    [Fact]
    public async Task APersonSignsIn_TheConsoleGetsACodeWithItsState_AndRedeemsItWithTheVerifier()
    {
        var request = _flow.Request();

        var returned = CodeFlow.Returned(await _flow.SignInAsync(request, TestUser.AcmeOperator));

        Assert.Equal(request["state"], returned["state"]);
        var issued = await _flow.RedeemAsync(returned["code"], _flow.Verifier);
        Assert.Equal(200, issued.Status);
        Assert.False(issued.Body.TryGetProperty("refresh_token", out _));
        var token = Jwt.Parse(issued.AccessToken);
        Assert.Equal("ada", token.Claim("sub"));
        Assert.Equal("jobengine-console", token.Claim("client_id"));
        Assert.Equal("user", token.Claim("actor_type"));
        Assert.Equal("acme", token.Claim("tenant"));
        Assert.Equal("CHG-88", token.Claim("operator_ticket"));

        (await _flow.RedeemAsync(returned["code"], _flow.Verifier)).AssertRefused("invalid_grant");
    }

    [Fact]
    public async Task AReadScopeThePersonsRolesDoNotGrant_IsLeftOut_AndAnOperatorScopeIsRefusedByName()
    {
        var request = _flow.Request("orch:read orch:audit");
        request.Remove("operator_reason");
        request.Remove("operator_ticket");

        var issued = await _flow.RedeemAsync(CodeFlow.Returned(await _flow.SignInAsync(request, TestUser.AcmeOperator))["code"], _flow.Verifier);

        Assert.Equal(200, issued.Status);
        Assert.Equal("orch:read", issued.Body.GetProperty("scope").GetString());
        Assert.Equal("orch:read", Jwt.Parse(issued.AccessToken).Claim("scope"));

        var quota = fixture.NewFlow();
        var refused = await quota.RedeemAsync(
            CodeFlow.Returned(await quota.SignInAsync(quota.Request("orch:read orch:quota"), TestUser.AcmeOperator))["code"], quota.Verifier);
        refused.AssertRefused("invalid_scope", "orch:quota");
    }

    [Fact]
    public async Task TheSignInPage_MayRedirectItsFormToTheConsolesCallback_AndNowhereElse()
    {
        using var page = await _flow.OpenAsync(_flow.Request());

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("form-action 'self' http://console.test;", policy + ";", StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACodeWithoutItsVerifier_OrWithAWrongOne_IsRefused()
    {
        var missing = CodeFlow.Returned(await _flow.SignInAsync(_flow.Request(), TestUser.AcmeOperator));
        (await _flow.RedeemAsync(missing["code"], verifier: null)).AssertRefused("invalid_request", "code_verifier");

        var wrong = CodeFlow.Returned(await _flow.SignInAsync(_flow.Request(), TestUser.AcmeOperator));
        (await _flow.RedeemAsync(wrong["code"], new CodeFlow(null!, null!).Verifier)).AssertRefused("invalid_grant");
    }

    [Fact]
    public async Task ARedirectUriThatIsNotRegisteredExactly_IsRefusedWithoutRedirecting()
    {
        foreach (var redirect in new[] { CodeFlow.RedirectUri + "/", CodeFlow.RedirectUri + "?x=1", "http://evil.test/callback" })
        {
            var request = _flow.Request();
            request["redirect_uri"] = redirect;

            using var response = await _flow.OpenAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }
    }

    [Fact]
    public async Task ACodeRedeemedWithAnotherRedirectUri_IsRefused()
    {
        var returned = CodeFlow.Returned(await _flow.SignInAsync(_flow.Request(), TestUser.AcmeOperator));

        (await _flow.RedeemAsync(returned["code"], _flow.Verifier, "http://console.test/other")).AssertRefused("invalid_grant");
    }

    [Theory]
    [InlineData("code_challenge", null)]
    [InlineData("code_challenge_method", "plain")]
    public async Task AnAuthorizationRequestWithoutAnS256Challenge_IsRefusedOnTheAuthoritysPage(string name, string? value)
    {
        var request = _flow.Request();
        if (value is null)
        {
            request.Remove(name);
        }
        else
        {
            request[name] = value;
        }

        using var response = await _flow.OpenAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("invalid_request", body);
        Assert.Contains("code_challenge", body);
    }

    [Theory]
    [InlineData("state", null, "state")]
    [InlineData("nonce", null, "nonce")]
    [InlineData("operator_reason", null, "operator_reason")]
    [InlineData("operator_ticket", "not a ticket", "operator_ticket")]
    public async Task AnAuthorizationRequestWithoutAValidParameter_ReturnsAnErrorNamingIt(string name, string? value, string named)
    {
        var request = _flow.Request();
        if (value is null)
        {
            request.Remove(name);
        }
        else
        {
            request[name] = value;
        }

        using var response = await _flow.OpenAsync(request);

        var returned = CodeFlow.Returned(response);
        Assert.Equal("invalid_request", returned["error"]);
        Assert.Contains(named, returned["error_description"]);
        Assert.False(returned.ContainsKey("code"));
    }

    [Fact]
    public async Task CancelingOnThePage_ReturnsAccessDenied()
    {
        var returned = CodeFlow.Returned(await _flow.SignInAsync(_flow.Request(), TestUser.AcmeOperator, "deny"));

        Assert.Equal("access_denied", returned["error"]);
        Assert.False(returned.ContainsKey("code"));
    }
}
