using System.Net;
using System.Net.Http.Headers;
using JobEngine.WebService.Tests.Infrastructure;
using JobEngine.WebService.Tests.MultiProcess;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.WebService.Tests.Authority;

/// <summary>
/// Signing keys rotate with overlap: a new key is published before it signs, tokens of the retired
/// key stay valid, a host that validates tokens from another process picks up a key it has not
/// seen, and processes sharing a store rotate once between them. Lifetimes of seconds, real time.
/// </summary>
public sealed class SigningKeyRotationTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ANewKey_IsPublishedBeforeItSigns_AndTokensOfTheOldKeyStayValid()
    {
        await using var app = new JobEngineApp(dataDirectory: _directory, settings: Rotation(lifetime: "00:00:06", propagation: "00:00:03"));
        var http = app.CreateClient();
        var oldToken = await TokenAsync(http);
        var oldKid = Kid(oldToken);
        Assert.Equal([oldKid], await PublishedKidsAsync(http));

        var published = await Eventually.ProbeAsync(async () => await PublishedKidsAsync(http) is { Count: 2 } kids ? kids : null);
        var signedMeanwhile = Kid(await TokenAsync(http));
        var newKid = Assert.Single(published, kid => kid != oldKid);
        Assert.Equal(oldKid, signedMeanwhile);

        var newToken = await Eventually.ProbeAsync(async () => await TokenAsync(http) is var token && Kid(token) == newKid ? token : null);

        Assert.Contains(oldKid, await PublishedKidsAsync(http));
        Assert.Equal(HttpStatusCode.OK, await ListJobsAsync(http, oldToken));
        Assert.Equal(HttpStatusCode.OK, await ListJobsAsync(http, newToken));
    }

    [Fact]
    public async Task AnApiOnlyHost_AcceptsTheNewKey_ByFetchingTheJwksAgainOnAnUnknownKid()
    {
        var authorityDirectory = Path.Combine(_directory, "authority");
        var apiDirectory = Path.Combine(_directory, "api");
        Directory.CreateDirectory(authorityDirectory);
        Directory.CreateDirectory(apiDirectory);
        var authorityPort = ServerProcess.FreePort();
        var issuer = $"http://127.0.0.1:{authorityPort}/";

        // No propagation time: the new key signs the moment it exists, before the API-only host can have seen it.
        var authoritySettings = TestStore.SettingsFor(authorityDirectory);
        foreach (var (key, value) in Rotation(lifetime: "00:00:08", propagation: "00:00:00"))
        {
            authoritySettings[key] = value;
        }

        authoritySettings["JobEngine:Authority:Issuer"] = issuer;
        var viewer = TestClient.Viewer;
        authoritySettings["JobEngine:Bootstrap:Clients:0:ClientId"] = viewer.ClientId;
        authoritySettings["JobEngine:Bootstrap:Clients:0:ClientSecret"] = viewer.Secret;
        authoritySettings["JobEngine:Bootstrap:Clients:0:Tenants:0"] = viewer.Tenants[0];
        authoritySettings["JobEngine:Bootstrap:Clients:0:Roles:0"] = viewer.Roles[0];
        var apiSettings = TestStore.SettingsFor(apiDirectory);
        apiSettings["JobEngine:Roles"] = "jobengine";
        apiSettings["JobEngine:Authority:Issuer"] = issuer;

        await using var authority = ServerProcess.Start(authorityPort, authoritySettings);
        await using var api = ServerProcess.Start(ServerProcess.FreePort(), apiSettings);
        await Task.WhenAll(authority.WaitUntilReadyAsync(Patience), api.WaitUntilReadyAsync(Patience));
        using var authorityHttp = authority.Client();
        using var apiHttp = api.Client();

        var first = await TokenAsync(authorityHttp);
        var kept = await TokenAsync(authorityHttp);
        Assert.Equal(HttpStatusCode.OK, await ListJobsAsync(apiHttp, first));

        var rotated = await Eventually.ProbeAsync(async () => await TokenAsync(authorityHttp) is var token && Kid(token) != Kid(first) ? token : null);

        // The first request with the unknown kid may be refused while the host fetches the JWKS again.
        await Eventually.ProbeAsync(async () => await ListJobsAsync(apiHttp, rotated) == HttpStatusCode.OK ? "accepted" : null);
        Assert.Equal(HttpStatusCode.OK, await ListJobsAsync(apiHttp, kept));
    }

    [Fact]
    public async Task TwoProcessesOnOneStore_RotateOnceBetweenThem()
    {
        var settings = Rotation(lifetime: "00:00:04", propagation: "00:00:01");
        await using var first = new JobEngineApp(dataDirectory: _directory, settings: settings);
        await using var second = new JobEngineApp(dataDirectory: _directory, settings: settings);
        var firstHttp = first.CreateClient();
        var secondHttp = second.CreateClient();

        await Eventually.ProbeAsync(() => Task.FromResult(StoredSigningKeys() is { Count: >= 3 } keys ? keys : null));
        var keys = StoredSigningKeys();

        for (var i = 1; i < keys.Count; i++)
        {
            Assert.True(keys[i] - keys[i - 1] >= TimeSpan.FromSeconds(4),
                $"Two signing keys were made {(keys[i] - keys[i - 1]).TotalMilliseconds} ms apart: {string.Join(", ", keys.Select(at => at.ToString("O")))}");
        }

        await Eventually.ProbeAsync(async () =>
            (await PublishedKidsAsync(firstHttp)).SequenceEqual(await PublishedKidsAsync(secondHttp)) ? "same" : null);
    }

    [Theory]
    [InlineData("1.00:00:00", "1.00:00:00")]
    [InlineData("1.00:00:00", "2.00:00:00")]
    [InlineData("1.00:00:00", "-00:00:01")]
    public async Task APropagationTimeNotShorterThanTheLifetime_StopsStartUpNamingIt(string lifetime, string propagation)
    {
        await using var app = new JobEngineApp(dataDirectory: _directory, settings: Rotation(lifetime, propagation));

        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("JobEngine:Authority:SigningKeyPropagationTime must be at least 00:00:00 and shorter than", refused.ToString());
    }

    public void Dispose() => TestStore.Delete(_directory);

    private static Dictionary<string, string?> Rotation(string lifetime, string propagation) => new()
    {
        ["JobEngine:Authority:SigningKeyLifetime"] = lifetime,
        ["JobEngine:Authority:SigningKeyPropagationTime"] = propagation,
    };

    private static async Task<string> TokenAsync(HttpClient http)
    {
        var response = await new TokenClient(http).RequestAsync(TestClient.Viewer, "orch:read");
        Assert.Equal(200, response.Status);
        return response.AccessToken;
    }

    private static string Kid(string token) => Jwt.Parse(token).Header.GetProperty("kid").GetString()!;

    private static async Task<List<string>> PublishedKidsAsync(HttpClient http) =>
        [.. new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks")).Keys.Select(key => key.KeyId).Order(StringComparer.Ordinal)];

    private static async Task<HttpStatusCode> ListJobsAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/jobs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private List<DateTimeOffset> StoredSigningKeys()
    {
        using var connection = TestStore.Open(_directory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT created_at FROM authority_keys WHERE use = 'sig'";
        using var reader = command.ExecuteReader();
        var createdAt = new List<DateTimeOffset>();
        while (reader.Read())
        {
            // SQLite keeps instants as UTC ticks.
            createdAt.Add(TestStore.IsPostgres ? reader.GetFieldValue<DateTimeOffset>(0) : new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero));
        }

        return [.. createdAt.Order()];
    }
}
