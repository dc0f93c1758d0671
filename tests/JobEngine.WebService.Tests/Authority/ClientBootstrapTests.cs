using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Authority;

public sealed class ClientBootstrapTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SecretsAreStoredHashed()
    {
        await using var app = Start([TestClient.Viewer]);

        var stored = ReadApplications();

        var (secret, _) = stored[TestClient.Viewer.ClientId];
        Assert.NotNull(secret);
        Assert.DoesNotContain(TestClient.Viewer.Secret, secret);
    }

    [Fact]
    public async Task RestartWithTheSameConfiguration_ChangesNothing()
    {
        Dictionary<string, (string? Secret, string? Stamp)> before;
        await using (var app = Start(TestClient.All))
        {
            before = ReadApplications();
        }

        await using var restarted = Start(TestClient.All);

        Assert.Equal(before, ReadApplications());
    }

    [Fact]
    public async Task ChangedSecret_IsApplied_AndTheOldOneStopsWorking()
    {
        await using (Start([TestClient.Viewer]))
        {
        }

        var rotated = TestClient.Viewer with { Secret = "a-brand-new-viewer-secret" };
        await using var app = Start([rotated]);
        var tokens = new TokenClient(app.CreateClient());

        Assert.Equal("invalid_client", (await tokens.RequestAsync(TestClient.Viewer, "orch:read")).Error);
        Assert.Equal(200, (await tokens.RequestAsync(rotated, "orch:read")).Status);
    }

    [Fact]
    public async Task ChangedRolesAndTenants_AreApplied()
    {
        await using (Start([TestClient.Viewer]))
        {
        }

        var promoted = TestClient.Viewer with { Roles = ["Orch.Viewer", "Orch.Auditor"], Tenants = ["acme", "globex"] };
        await using var app = Start([promoted]);
        var tokens = new TokenClient(app.CreateClient());

        var response = await tokens.RequestAsync(promoted, "orch:audit", ("tenant", "globex"));
        Assert.Equal(200, response.Status);
        Assert.Equal("globex", Jwt.Parse(response.AccessToken).Claim("tenant"));
    }

    [Theory]
    [InlineData("Orch.Superuser", "not a role")]
    [InlineData("orch.viewer", "not a role")]
    public async Task UnknownRole_StopsStartUp_NamingTheSetting(string role, string expected)
    {
        var client = TestClient.Viewer with { Roles = [role] };

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = Start([client]);
            _ = app.Server;
        });

        Assert.Contains("JobEngine:Bootstrap:Clients:0:Roles", error.ToString());
        Assert.Contains(expected, error.ToString());
    }

    [Fact]
    public async Task ShortSecretOrBadTenant_StopsStartUp()
    {
        var client = TestClient.Viewer with { Secret = "short", Tenants = ["Not A Tenant"] };

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = Start([client]);
            _ = app.Server;
        });

        Assert.Contains("ClientSecret must be at least 16 characters", error.ToString());
        Assert.Contains("'Not A Tenant'", error.ToString());
    }

    public void Dispose() => TestStore.Delete(_directory);

    private JobEngineApp Start(IReadOnlyList<TestClient> clients)
    {
        var app = new JobEngineApp(clients, _directory);
        _ = app.Server;
        return app;
    }

    private Dictionary<string, (string? Secret, string? Stamp)> ReadApplications()
    {
        using var connection = TestStore.Open(_directory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"ClientId\", \"ClientSecret\", \"ConcurrencyToken\" FROM \"OpenIddictApplications\"";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (string?, string?)>();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return rows;
    }
}
