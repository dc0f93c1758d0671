using System.Net;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace JobEngine.WebService.Tests.People;

public sealed class DeviceFlowFixture() : IAsyncLifetime
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public ApiFixture Api { get; } = ApiFixture.With(new Dictionary<string, string?>(TestUser.Settings())
    {
        ["JobEngine:Authority:DevicePollingInterval"] = "00:00:01",
        ["JobEngine:Authority:MaxFailures"] = "3",
    });

    public DeviceFlow NewFlow() => new(Api.App.CreateClient(), Api.App.CreateClient());

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => Api.DisposeAsync();
}

public sealed class DeviceFlowTests(DeviceFlowFixture fixture) : IClassFixture<DeviceFlowFixture>
{
    private readonly DeviceFlow _flow = fixture.NewFlow();
    private readonly HttpClient _auditor = fixture.Api.ClientFor(TestClient.Auditor, "orch:read orch:audit");

    [Fact]
    public async Task APerson_PollsPendingThenTooFast_ApprovesOnThePage_AndGetsATokenThatNamesThem()
    {
        var codes = await _flow.StartOperatorAsync();

        (await _flow.PollAsync(codes.DeviceCode)).AssertRefused("authorization_pending");
        (await _flow.PollAsync(codes.DeviceCode)).AssertRefused("slow_down");

        await _flow.ApproveAsync(codes.UserCode, TestUser.AcmeOperator);
        var issued = await _flow.PollUntilDoneAsync(codes.DeviceCode, DeviceFlowFixture.Interval);

        Assert.Equal(200, issued.Status);
        Assert.False(issued.Body.TryGetProperty("refresh_token", out _));
        Assert.Equal("orch:read orch:operate", issued.Body.GetProperty("scope").GetString());
        var token = Jwt.Parse(issued.AccessToken);
        Assert.Equal("ada", token.Claim("sub"));
        Assert.Equal("jobctl", token.Claim("client_id"));
        Assert.Equal("user", token.Claim("actor_type"));
        Assert.Equal("acme", token.Claim("tenant"));
        Assert.Equal("stuck deploy", token.Claim("operator_reason"));
        Assert.Equal("CHG-77", token.Claim("operator_ticket"));
        Assert.Equal(["Orch.Operator"], token.Claims("role"));

        var entries = await _auditor.GetJsonAsync($"/api/v1/audit?eventType=authority.token.issued&actorId=ada");
        var entry = Assert.Single(entries.Body.GetProperty("items").EnumerateArray(),
            item => item.GetProperty("tokenId").GetString() == token.Claim("jti"));
        Assert.Equal("user", entry.GetProperty("actorType").GetString());
        Assert.Equal("jobctl", entry.GetProperty("clientId").GetString());
        Assert.Equal("CHG-77", entry.GetProperty("operatorTicket").GetString());

        await Task.Delay(DeviceFlowFixture.Interval + TimeSpan.FromMilliseconds(200));
        (await _flow.PollAsync(codes.DeviceCode)).AssertRefused("invalid_grant");
    }

    [Fact]
    public async Task APersonsCancel_IsRecordedWithTheirSubAndActorTypeUser()
    {
        var codes = await _flow.StartOperatorAsync();
        await _flow.ApproveAsync(codes.UserCode, TestUser.AcmeOperator);
        var token = (await _flow.PollUntilDoneAsync(codes.DeviceCode, DeviceFlowFixture.Interval)).AccessToken;
        var jobId = await fixture.Api.ClientFor(TestClient.Submitter, "orch:read orch:submit").SubmitAsync(ApiCalls.NewJobType());

        var (status, job) = await fixture.Api.WithToken(token).PostJsonAsync($"/api/v1/jobs/{jobId}/cancel", new { comment = "by hand" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ada", job.GetProperty("canceledBy").GetString());
        var entries = await _auditor.GetJsonAsync($"/api/v1/audit?eventType=job.canceled&resourceId={jobId}");
        var entry = Assert.Single(entries.Body.GetProperty("items").EnumerateArray());
        Assert.Equal("ada", entry.GetProperty("actorId").GetString());
        Assert.Equal("user", entry.GetProperty("actorType").GetString());
        Assert.Equal("jobctl", entry.GetProperty("clientId").GetString());
        Assert.Equal(Jwt.Parse(token).Claim("jti"), entry.GetProperty("tokenId").GetString());
        Assert.Equal("stuck deploy", entry.GetProperty("operatorReason").GetString());
    }

    [Fact]
    public async Task ADeniedDevice_GetsAccessDenied()
    {
        var codes = await _flow.StartOperatorAsync();

        var (status, page, _) = await _flow.DecideAsync(codes.UserCode, "deny");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Denied", page);
        (await _flow.PollUntilDoneAsync(codes.DeviceCode, DeviceFlowFixture.Interval)).AssertRefused("access_denied");
    }

    [Theory]
    [InlineData("orch:read orch:operate", "", "CHG-1", "operator_reason")]
    [InlineData("orch:read orch:operate", "why", "", "operator_ticket")]
    [InlineData("orch:read orch:operate", "why", "not a ticket", "operator_ticket")]
    [InlineData("orch:read orch:quota", "why\u202E", "CHG-1", "operator_reason")]
    public async Task ADeviceRequest_WithoutValidOperatorParameters_IsInvalidRequestNamingTheParameter(
        string scope, string reason, string ticket, string named)
    {
        var extra = new List<(string, string)>();
        if (reason.Length > 0)
        {
            extra.Add(("operator_reason", reason));
        }

        if (ticket.Length > 0)
        {
            extra.Add(("operator_ticket", ticket));
        }

        var (status, body) = await _flow.StartAsync(scope, [.. extra]);

        Assert.Equal(400, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Contains($"'{named}'", body.GetProperty("error_description").GetString());
        Assert.False(body.TryGetProperty("device_code", out _));
    }

    [Fact]
    public async Task AWrongPassword_Is401AndApprovesNothing_AndRepeatedFailuresLockTheNameOutWith429()
    {
        var codes = await _flow.StartOperatorAsync();
        var stranger = new TestUser("ken", "not-kens-password", [], []);

        var (status, page, _) = await _flow.DecideAsync(codes.UserCode, "approve", stranger.Name, stranger.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("wrong", page);
        Assert.DoesNotContain(stranger.Password, page);
        await _flow.DecideAsync(codes.UserCode, "approve", stranger.Name, stranger.Password);
        await _flow.DecideAsync(codes.UserCode, "approve", stranger.Name, stranger.Password);

        var (locked, lockedPage, response) = await _flow.DecideAsync(codes.UserCode, "approve", TestUser.AcmeAuditor.Name, TestUser.AcmeAuditor.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked);
        Assert.Contains("Too many failed sign-ins", lockedPage);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single()), 1, 60);
        await Task.Delay(DeviceFlowFixture.Interval + TimeSpan.FromMilliseconds(200));
        (await _flow.PollAsync(codes.DeviceCode)).AssertRefused("authorization_pending");

        // The lockout is recorded off the request's path, in each of ken's tenants.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var lockouts = await _auditor.GetJsonAsync("/api/v1/audit?eventType=authority.lockout&resourceType=user&resourceId=ken");
            if (lockouts.Body.GetProperty("items").GetArrayLength() > 0)
            {
                var entry = lockouts.Body.GetProperty("items")[0];
                Assert.Equal("anonymous", entry.GetProperty("actorType").GetString());
                Assert.Contains("sign-in page", entry.GetProperty("description").GetString());
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The user's lockout was not recorded in the ledger.");
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused_AndApprovesNothing()
    {
        var codes = await _flow.StartOperatorAsync();

        var (status, _, _) = await _flow.DecideAsync(codes.UserCode, "approve", TestUser.AcmeOperator.Name, TestUser.AcmeOperator.Password, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        await Task.Delay(DeviceFlowFixture.Interval + TimeSpan.FromMilliseconds(200));
        (await _flow.PollAsync(codes.DeviceCode)).AssertRefused("authorization_pending");
    }

    [Fact]
    public async Task APersonInTwoTenants_MustNameOne_AndGetsTheOneNamed()
    {
        var unnamed = await _flow.StartOperatorAsync("orch:read orch:quota");
        await _flow.ApproveAsync(unnamed.UserCode, TestUser.TwoTenants);
        (await _flow.PollUntilDoneAsync(unnamed.DeviceCode, DeviceFlowFixture.Interval)).AssertRefused("invalid_request", "'tenant'");

        var named = await _flow.StartOperatorAsync("orch:read orch:quota", ("tenant", "globex"));
        await _flow.ApproveAsync(named.UserCode, TestUser.TwoTenants);
        var token = Jwt.Parse((await _flow.PollUntilDoneAsync(named.DeviceCode, DeviceFlowFixture.Interval)).AccessToken);

        Assert.Equal("globex", token.Claim("tenant"));
        Assert.Equal("margaret", token.Claim("sub"));
        Assert.Equal(["Orch.Admin", "Orch.Auditor"], token.Claims("role"));
    }

    [Fact]
    public async Task APersonWhoseRolesDoNotGrantTheScope_GetsInvalidScope_RecordedWithThemAsActor()
    {
        var codes = await _flow.StartOperatorAsync();
        await _flow.ApproveAsync(codes.UserCode, TestUser.AcmeAuditor);

        (await _flow.PollUntilDoneAsync(codes.DeviceCode, DeviceFlowFixture.Interval)).AssertRefused("invalid_scope", "user 'ken'");

        var entries = await _auditor.GetJsonAsync("/api/v1/audit?eventType=authority.token.rejected&actorId=ken");
        var entry = Assert.Single(entries.Body.GetProperty("items").EnumerateArray());
        Assert.Equal("user", entry.GetProperty("actorType").GetString());
        Assert.Equal("jobctl", entry.GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task AccessTokens_LeaveNoEntryInTheTokenTable_DeviceCodesDo()
    {
        await _flow.StartOperatorAsync();
        await fixture.Api.Tokens.RequestAsync(TestClient.Viewer, "orch:read");

        await using var scope = fixture.Api.App.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var types = new List<string?>();
        await foreach (var token in tokens.ListAsync(count: null, offset: null))
        {
            types.Add(await tokens.GetTypeAsync(token));
        }

        Assert.Contains(types, type => type is not null && type.Contains("device_code", StringComparison.Ordinal));
        Assert.DoesNotContain(types, type => type is not null && type.Contains("access_token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExpiredDeviceCode_IsExpiredToken()
    {
        await using var app = new JobEngineApp(settings: new Dictionary<string, string?>(TestUser.Settings())
        {
            ["JobEngine:Authority:DevicePollingInterval"] = "00:00:01",
            ["JobEngine:Authority:DeviceCodeLifetime"] = "00:00:02",
        });
        var flow = new DeviceFlow(app.CreateClient(), app.CreateClient());
        var codes = await flow.StartOperatorAsync();

        await Task.Delay(TimeSpan.FromSeconds(3));

        (await flow.PollAsync(codes.DeviceCode)).AssertRefused("expired_token");
        TestStore.Delete(app.DataDirectory);
    }
}
