using System.Net;
using System.Text.Json.Nodes;
using JobEngine.Authority.Clients;
using JobEngine.Infrastructure.Lockouts;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.WebService.Tests.Authority;

public sealed class FailureLimitTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly List<FailureLimitApp> _apps = [];

    [Fact]
    public async Task ThirtyWrongSecrets_EndIn429_AndTheRightSecretIsRefusedUntilTheWindowPasses()
    {
        var app = Start();

        var attempts = await app.GuessAsync(TestClient.Viewer.ClientId, 30);

        Assert.All(attempts[..10], attempt => Assert.Equal((401, "invalid_client"), (attempt.Status, attempt.Error)));
        Assert.All(attempts[10..], attempt =>
        {
            Assert.Equal((429, "slow_down"), (attempt.Status, attempt.Error));
            Assert.InRange(attempt.RetryAfter!.Value.TotalSeconds, 1, 60);
            Assert.Contains("this client id", attempt.Body.GetProperty("error_description").GetString());
        });

        var right = await app.RequestTokenAsync(TestClient.Viewer);
        Assert.Equal((429, "slow_down"), (right.Status, right.Error));
        Assert.False(right.IssuedToken);

        _clock.Now += TimeSpan.FromSeconds(59);
        Assert.Equal(429, (await app.RequestTokenAsync(TestClient.Viewer)).Status);

        _clock.Now += TimeSpan.FromSeconds(1);
        var afterTheWindow = await app.RequestTokenAsync(TestClient.Viewer);
        Assert.Equal(200, afterTheWindow.Status);
        Assert.True(afterTheWindow.IssuedToken);
    }

    [Fact]
    public async Task ARightSecretAlreadyVerified_IsRefusedToo_WhileItsClientIsLockedOut()
    {
        // A secret verified once is answered without OpenIddict's pipeline afterwards: the lockout must hold there too.
        var app = Start();
        Assert.Equal(200, (await app.RequestTokenAsync(TestClient.Viewer)).Status);
        Assert.Equal(200, (await app.RequestTokenAsync(TestClient.Viewer)).Status);

        await app.GuessAsync(TestClient.Viewer.ClientId, 12);

        var locked = await app.RequestTokenAsync(TestClient.Viewer);
        Assert.Equal((429, "slow_down"), (locked.Status, locked.Error));
        Assert.False(locked.IssuedToken);
    }

    [Fact]
    public async Task ALockedOutClient_LeavesAnotherClientFromTheSameAddressUnaffected()
    {
        var app = Start();

        await app.GuessAsync(TestClient.Viewer.ClientId, 12);

        Assert.Equal(429, (await app.RequestTokenAsync(TestClient.Viewer)).Status);
        Assert.Equal(200, (await app.RequestTokenAsync(TestClient.Submitter)).Status);
    }

    [Fact]
    public async Task AnAddressThatReachesItsLimit_IsRefusedForEveryClient_OtherAddressesAreNot()
    {
        var app = Start(new Dictionary<string, string?> { ["JobEngine:Authority:MaxFailuresPerAddress"] = "25" });
        const string attacker = "198.51.100.7";

        await app.GuessAsync(TestClient.Viewer.ClientId, 10, attacker);
        Assert.Equal(200, (await app.RequestTokenAsync(TestClient.Submitter, attacker)).Status);
        await app.GuessAsync(TestClient.Worker.ClientId, 9, attacker);
        await app.GuessAsync("no-such-client", 6, attacker);

        var refused = await app.RequestTokenAsync(TestClient.Submitter, attacker);
        Assert.Equal((429, "slow_down"), (refused.Status, refused.Error));
        Assert.Contains("this source address", refused.Body.GetProperty("error_description").GetString());
        Assert.Equal(200, (await app.RequestTokenAsync(TestClient.Submitter, "198.51.100.8")).Status);
    }

    [Fact]
    public async Task AnIPv6Source_IsCountedByIts64Network()
    {
        var app = Start(new Dictionary<string, string?> { ["JobEngine:Authority:MaxFailuresPerAddress"] = "3" });

        await app.GuessAsync("no-such-client", 3, "2001:db8:1:2::1");

        Assert.Equal(429, (await app.RequestTokenAsync(TestClient.Submitter, "2001:db8:1:2:ffff:ffff:ffff:ffff")).Status);
        Assert.Equal(200, (await app.RequestTokenAsync(TestClient.Submitter, "2001:db8:1:3::1")).Status);
    }

    [Fact]
    public async Task ALockout_IsRecordedOnce_InTheLedgerOfEachOfTheClientsTenants()
    {
        var app = Start();

        await app.GuessAsync(TestClient.MultiTenant.ClientId, 15, from: "203.0.113.9");

        foreach (var (auditor, tenant) in new[] { (TestClient.Auditor, "acme"), (TestClient.GlobexAuditor, "globex") })
        {
            var entry = Assert.Single(await LockoutEntriesAsync(app, auditor, TestClient.MultiTenant.ClientId));
            Assert.Equal(tenant, entry["tenantId"]!.GetValue<string>());
            Assert.Equal("client", entry["resourceType"]!.GetValue<string>());
            Assert.Equal("anonymous", entry["actorType"]!.GetValue<string>());
            Assert.Null(entry["actorId"]);
            Assert.Equal(TestClient.MultiTenant.ClientId, entry["clientId"]!.GetValue<string>());
            Assert.Equal("203.0.113.9", entry["sourceIp"]!.GetValue<string>());
            Assert.Contains("locked out", entry["description"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task TwoProcessesOnOneStore_ShareTheCount()
    {
        var first = Start();
        var second = Start(dataDirectory: first.DataDirectory);

        await first.GuessAsync(TestClient.Viewer.ClientId, 5);
        await second.GuessAsync(TestClient.Viewer.ClientId, 5);

        Assert.Equal(429, (await first.RequestTokenAsync(TestClient.Viewer)).Status);
        Assert.Equal(429, (await second.RequestTokenAsync(TestClient.Viewer)).Status);
    }

    [Fact]
    public async Task UnknownClientIds_AreLockedOutLikeKnownOnes_WithoutTheirSecretBeingChecked()
    {
        var app = Start();
        var decoy = app.Services.GetRequiredService<DecoyClient>();

        var counted = await app.GuessAsync("no-such-client", 10);
        var checks = decoy.Checks;
        var refused = await app.GuessAsync("no-such-client", 5);

        Assert.All(counted, attempt => Assert.Equal(401, attempt.Status));
        Assert.All(refused, attempt => Assert.Equal((429, "slow_down"), (attempt.Status, attempt.Error)));
        Assert.Equal(checks, decoy.Checks);
    }

    [Fact]
    public async Task Successes_WriteNothing_AndAFailureCountsItsClientAndAddress()
    {
        var app = Start();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await app.RequestTokenAsync(TestClient.Viewer)).Status);
        }

        Assert.Empty(FailureRows(app));

        await app.GuessAsync(TestClient.Viewer.ClientId, 1);
        Assert.Equal(["address:" + FailureLimitApp.DefaultAddress, "client:" + TestClient.Viewer.ClientId], FailureRows(app).Order().ToList());
    }

    [Fact]
    public async Task LapsedCounts_ArePurged_ALockoutIsKeptUntilItEnds()
    {
        var app = Start();
        await app.GuessAsync(TestClient.Viewer.ClientId, 1);
        _clock.Now += TimeSpan.FromSeconds(30);
        await app.GuessAsync(TestClient.Viewer.ClientId, 9, from: "192.0.2.99");

        // The client's window (from its first failure) has lapsed, the lockout its tenth failure started has not.
        _clock.Now += TimeSpan.FromSeconds(35);
        await PurgeAsync(app);
        Assert.Equal(["address:192.0.2.99", "client:" + TestClient.Viewer.ClientId], FailureRows(app).Order().ToList());

        _clock.Now += TimeSpan.FromSeconds(30);
        await PurgeAsync(app);
        Assert.Empty(FailureRows(app));
    }

    [Fact]
    public async Task AFailureTheStoreCannotCount_IsStillAnsweredAsAWrongSecret()
    {
        var app = Start();
        using (var connection = TestStore.Open(app.DataDirectory))
        {
            TestStore.SimulateFullDisk(connection, "authentication_failures");
        }

        var attempts = await app.GuessAsync(TestClient.Viewer.ClientId, 12);

        Assert.All(attempts, attempt => Assert.Equal((401, "invalid_client"), (attempt.Status, attempt.Error)));
        Assert.Equal(200, (await app.RequestTokenAsync(TestClient.Viewer)).Status);
    }

    [Fact]
    public void MaxFailuresOutOfRange_StopsStartUp_NamingTheSetting()
    {
        var error = Assert.ThrowsAny<Exception>(() => Start(new Dictionary<string, string?> { ["JobEngine:Authority:MaxFailures"] = "0" }));

        Assert.Contains("JobEngine:Authority:MaxFailures must be between 1 and 1000", error.ToString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        foreach (var directory in _apps.Select(app => app.DataDirectory).Distinct())
        {
            TestStore.Delete(directory);
        }
    }

    private FailureLimitApp Start(IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var app = new FailureLimitApp(_clock, dataDirectory, settings);
        _apps.Add(app);
        _ = app.Server;
        return app;
    }

    /// <summary>The ledger's lockout entries for <paramref name="clientId"/>, once there is one (they are written after the answer).</summary>
    private static async Task<List<JsonObject>> LockoutEntriesAsync(FailureLimitApp app, TestClient auditor, string clientId)
    {
        var http = ApiFixture.ClientFor(app, auditor, "orch:read orch:audit");
        for (var attempt = 0; ; attempt++)
        {
            var (status, page) = await http.GetJsonAsync($"/api/v1/audit?eventType=authority.lockout&resourceType=client&resourceId={clientId}");
            Assert.Equal(HttpStatusCode.OK, status);
            var entries = page.GetProperty("items").EnumerateArray().Select(item => JsonNode.Parse(item.GetRawText())!.AsObject()).ToList();
            if (entries.Count > 0 || attempt == 100)
            {
                return entries;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static List<string> FailureRows(FailureLimitApp app)
    {
        using var connection = TestStore.Open(app.DataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT subject FROM authentication_failures";
        using var reader = command.ExecuteReader();
        var subjects = new List<string>();
        while (reader.Read())
        {
            subjects.Add(reader.GetString(0));
        }

        return subjects;
    }

    private async Task PurgeAsync(FailureLimitApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<AuthenticationFailureStore>()
            .PurgeAsync(_clock.Now, TimeSpan.FromMinutes(1), default);
        Assert.True(outcome.Succeeded);
    }
}
