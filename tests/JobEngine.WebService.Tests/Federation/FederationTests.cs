using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JobEngine.WebService.Tests.Federation;

/// <summary>
/// Federation between two real JobEngine processes: a person signs in to B through A (B's upstream
/// provider, OpenID Connect), with jobctl's device flow at B, and B's token and ledger name them
/// <c>A:&lt;sub&gt;</c> with the roles and tenants A's ID token listed.
/// </summary>
public sealed class FederationTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private static readonly TimeSpan PollingInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A redirect is awaited by its address, never by the page's <c>load</c> event, which Chromium under
    /// load sometimes never reports (see <see cref="Console.ConsoleBrowser.ConfirmAtAuthorityAsync"/>);
    /// as long as the browser context's own wait.
    /// </summary>
    private static readonly PageAssertionsToHaveURLOptions UntilNavigated = new() { Timeout = 30_000 };

    [Fact]
    public async Task APersonOfA_SignsInToBThroughA_AndBsTokenAndLedgerNameThemAsAsSubject()
    {
        using var jobctl = fixture.Relying.Client();
        var device = new DeviceFlow(jobctl, jobctl);
        var codes = await device.StartOperatorAsync();

        var page = await fixture.NewPageAsync();
        await SignInThroughAsync(page, FederationFixture.ProviderName, codes.UserCode, TestUser.AcmeOperator);
        await Expect(page.GetByText("Signed in through your organisation as A:ada")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve as A:ada" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approved" })).ToBeVisibleAsync();

        var token = await device.PollUntilDoneAsync(codes.DeviceCode, PollingInterval);
        Assert.True(token.Status == 200, token.Body.ToString());
        var claims = Jwt.Parse(token.AccessToken);
        Assert.Equal("A:ada", claims.Claim("sub"));
        Assert.Equal("user", claims.Claim("actor_type"));
        Assert.Equal("jobctl", claims.Claim("client_id"));
        Assert.Equal("acme", claims.Claim("tenant"));
        Assert.Equal(["Orch.Operator"], claims.Claims("role"));
        Assert.Equal(fixture.Relying.BaseAddress.AbsoluteUri, claims.Claim("iss"));

        var submitter = await fixture.Relying.ClientForAsync(TestClient.Submitter, "orch:submit orch:read");
        var jobId = await submitter.SubmitAsync(ApiCalls.NewJobType());
        using var person = fixture.Relying.Client();
        person.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var (status, body) = await person.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");
        Assert.True(status == HttpStatusCode.OK, body.ToString());

        var auditor = await fixture.Relying.ClientForAsync(TestClient.Auditor, "orch:audit");
        var (read, trail) = await auditor.GetJsonAsync("/api/v1/audit?operatorTicket=CHG-77&actorId=A:ada&limit=50");
        Assert.True(read == HttpStatusCode.OK, trail.ToString());
        var entries = trail.GetProperty("items").EnumerateArray().ToList();
        var canceled = Assert.Single(entries, entry => entry.GetProperty("eventType").GetString() == "job.canceled");
        Assert.Equal("A:ada", canceled.GetProperty("actorId").GetString());
        Assert.Equal("user", canceled.GetProperty("actorType").GetString());
        Assert.Contains(entries, entry => entry.GetProperty("eventType").GetString() == "authority.token.issued"
                                          && entry.GetProperty("actorId").GetString() == "A:ada");
    }

    [Fact]
    public async Task APersonVouchedForOnDevicesPage_IsNotOfferedOnAnotherDevicesPage()
    {
        using var jobctl = fixture.Relying.Client();
        var device = new DeviceFlow(jobctl, jobctl);
        var mine = await device.StartOperatorAsync();
        var other = await device.StartOperatorAsync();

        var page = await fixture.NewPageAsync();
        await SignInThroughAsync(page, FederationFixture.ProviderName, mine.UserCode, TestUser.AcmeOperator);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve as A:ada" })).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(fixture.Relying.BaseAddress, $"connect/verify?user_code={other.UserCode}").AbsoluteUri);
        await Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve as A:ada" })).ToHaveCountAsync(0);
        await Task.Delay(PollingInterval + TimeSpan.FromMilliseconds(200));
        Assert.Equal("authorization_pending", (await device.PollAsync(other.DeviceCode)).Error);
    }

    [Fact]
    public async Task APersonOfSeveralTenantsAtA_NamesOneAtB()
    {
        using var jobctl = fixture.Relying.Client();
        var device = new DeviceFlow(jobctl, jobctl);
        var (status, started) = await device.StartAsync("orch:audit", ("tenant", "globex"));
        Assert.True(status == 200, started.ToString());
        var codes = new DeviceCodes(started.GetProperty("device_code").GetString()!, started.GetProperty("user_code").GetString()!);

        var page = await fixture.NewPageAsync();
        await SignInThroughAsync(page, FederationFixture.ProviderName, codes.UserCode, TestUser.TwoTenants);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve as A:margaret" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approved" })).ToBeVisibleAsync();

        var token = await device.PollUntilDoneAsync(codes.DeviceCode, PollingInterval);
        Assert.True(token.Status == 200, token.Body.ToString());
        var claims = Jwt.Parse(token.AccessToken);
        Assert.Equal("A:margaret", claims.Claim("sub"));
        Assert.Equal("globex", claims.Claim("tenant"));
        Assert.Equal(["Orch.Auditor"], claims.Claims("role"));
    }

    [Fact]
    public async Task APersonOfA_SignsInToBsConsoleThroughA()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Relying.BaseAddress, "console").AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("jobengine-console asks to act for you")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {FederationFixture.ProviderName}", Exact = true }).ClickAsync();
        await SignInAtProviderAsync(page, TestUser.AcmeOperator);
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(fixture.Relying.BaseAddress.AbsoluteUri + "connect/authorize")), UntilNavigated);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve as A:ada" }).ClickAsync();

        await Expect(page.GetByText("Signed in as A:ada (user), tenant acme")).ToBeVisibleAsync();
        Assert.Equal("/console", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task AProviderWhoseRolesClaimListsNoJobEngineRole_IsRefused_AndTheDeviceGetsNoToken()
    {
        using var jobctl = fixture.Relying.Client();
        var device = new DeviceFlow(jobctl, jobctl);
        var codes = await device.StartOperatorAsync();

        var page = await fixture.NewPageAsync();
        await SignInThroughAsync(page, FederationFixture.MisreadProviderName, codes.UserCode, TestUser.AcmeOperator);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("A-groups:ada holds no JobEngine role in the claim 'groups'");
        Assert.EndsWith("/connect/upstream/callback", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the sign-in page" }).ClickAsync();
        await Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        await Task.Delay(PollingInterval + TimeSpan.FromMilliseconds(200));
        Assert.Equal("authorization_pending", (await device.PollAsync(codes.DeviceCode)).Error);
    }

    [Fact]
    public async Task TheStartOfAnUpstreamSignIn_RefusesAnUnknownProvider_AReturnOutsideTheSignInPages_AndAForgedPost()
    {
        var page = await fixture.NewPageAsync();
        using var jobctl = fixture.Relying.Client();
        var codes = await new DeviceFlow(jobctl, jobctl).StartOperatorAsync();
        await page.GotoAsync(new Uri(fixture.Relying.BaseAddress, $"connect/verify?user_code={codes.UserCode}").AbsoluteUri);
        var antiforgery = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");

        async Task<(int Status, string Body)> StartAsync(string provider, string returnUrl, string? token)
        {
            var form = page.APIRequest.CreateFormData();
            form.Set("returnUrl", returnUrl);
            if (token is not null)
            {
                form.Set("__RequestVerificationToken", token);
            }

            var response = await page.APIRequest.PostAsync(new Uri(fixture.Relying.BaseAddress, $"connect/upstream/{provider}").AbsoluteUri,
                new() { Form = form, MaxRedirects = 0 });
            return (response.Status, await response.TextAsync());
        }

        var unknown = await StartAsync("nobody", $"/connect/verify?user_code={codes.UserCode}", antiforgery);
        Assert.Equal(400, unknown.Status);
        Assert.Contains("There is no provider &#x27;nobody&#x27; here.", unknown.Body, StringComparison.Ordinal);

        var elsewhere = await StartAsync(FederationFixture.ProviderName, "https://evil.example/", antiforgery);
        Assert.Equal(400, elsewhere.Status);

        var forged = await StartAsync(FederationFixture.ProviderName, $"/connect/verify?user_code={codes.UserCode}", token: null);
        Assert.Equal(400, forged.Status);

        var genuine = await StartAsync(FederationFixture.ProviderName, $"/connect/verify?user_code={codes.UserCode}", antiforgery);
        Assert.Equal(302, genuine.Status);
    }

    [Fact]
    public async Task ARelyingParty_AsksOnlyWhoThePersonIs_AndOnlyARelyingPartyMay()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Provider.BaseAddress };
        var callback = new Uri(fixture.Relying.BaseAddress, "connect/upstream/callback").AbsoluteUri;
        string Authorize(string clientId, string scope, string redirectUri) =>
            $"/connect/authorize?client_id={clientId}&response_type=code&scope={Uri.EscapeDataString(scope)}&redirect_uri={Uri.EscapeDataString(redirectUri)}"
            + "&state=s1&nonce=n1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

        // OpenIddict refuses on its own page a scope the client has no permission for.
        var actingScope = await http.GetAsync(Authorize(FederationFixture.RelyingClientId, "openid orch:read", callback));
        Assert.Equal(HttpStatusCode.BadRequest, actingScope.StatusCode);
        Assert.Contains("not allowed to use the specified scope", await actingScope.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var identityOnly = await http.GetAsync(Authorize(FederationFixture.RelyingClientId, "openid", callback));
        Assert.Equal(HttpStatusCode.OK, identityOnly.StatusCode);
        Assert.Contains("asks who you are", await identityOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var console = new Uri(fixture.Provider.BaseAddress, "console/callback").AbsoluteUri;
        foreach (var scope in new[] { "openid", "openid orch:read" })
        {
            var consoleAsksIdentity = await http.GetAsync(Authorize("jobengine-console", scope, console));
            Assert.Equal(HttpStatusCode.Redirect, consoleAsksIdentity.StatusCode);
            Assert.Contains("error=invalid_scope", consoleAsksIdentity.Headers.Location!.Query, StringComparison.Ordinal);
        }
    }

    /// <summary>At B's verification page for <paramref name="userCode"/>: "Sign in with <paramref name="provider"/>", then the person's password at A.</summary>
    private async Task SignInThroughAsync(IPage page, string provider, string userCode, TestUser user)
    {
        await page.GotoAsync(new Uri(fixture.Relying.BaseAddress, $"connect/verify?user_code={userCode}").AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {provider}", Exact = true }).ClickAsync();
        await SignInAtProviderAsync(page, user);
        await Expect(page).ToHaveURLAsync(new Regex("/connect/verify|/connect/upstream/callback"), UntilNavigated);
    }

    /// <summary>On A's sign-in page, which B's request reached: who is asking, then the person's name and password.</summary>
    private async Task SignInAtProviderAsync(IPage page, TestUser user)
    {
        await Expect(page.GetByText($"{FederationFixture.RelyingClientId} asks who you are")).ToBeVisibleAsync();
        Assert.StartsWith(fixture.Provider.BaseAddress.AbsoluteUri + "connect/authorize", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("User name").FillAsync(user.Name);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }
}
