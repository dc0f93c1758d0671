using System.Security.Cryptography;
using JobEngine.Core.Protocol;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// One running host for API tests. Its Authority signs with a key file the tests also hold,
/// so they can forge tokens the Authority would never issue (no operator claims, wrong
/// audience, expired) and check that the API refuses them.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ApiFixture()
        : this(null)
    {
    }

    private ApiFixture(IDictionary<string, string?>? settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var keyFile = Path.Combine(directory, "signing.pem");
        File.WriteAllText(keyFile, _signingKey.ExportPkcs8PrivateKeyPem());
        _settings = new Dictionary<string, string?>
        {
            ["JobEngine:Authority:SigningKeyFile"] = keyFile,
            ["JobEngine:Authority:Issuer"] = Issuer,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[name] = value;
        }

        App = new JobEngineApp(dataDirectory: directory, settings: _settings);
    }

    private readonly Dictionary<string, string?> _settings;

    /// <summary>A host with <paramref name="settings"/> on top of the fixture's own.</summary>
    public static ApiFixture With(IDictionary<string, string?> settings) => new(settings);

    /// <summary>Another host on the same store, keys and issuer: a restart, as far as the store can tell; <paramref name="changed"/> settings override.</summary>
    public JobEngineApp Restart(IDictionary<string, string?>? changed = null)
    {
        var settings = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in changed ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new(dataDirectory: App.DataDirectory, settings: settings);
    }

    /// <summary>A client of <paramref name="app"/> whose requests carry a real token for <paramref name="client"/>.</summary>
    public static HttpClient ClientFor(JobEngineApp app, TestClient client, string scope, params (string Name, string Value)[] extra) =>
        app.CreateDefaultClient(new BearerTokenHandler(async () => (await new TokenClient(app.CreateClient()).RequestAsync(client, scope, extra)).AccessToken));

    public const string Issuer = "http://jobengine.test/";

    public JobEngineApp App { get; }

    public TokenClient Tokens => new(App.CreateClient());

    /// <summary>An HTTP client acting with a real token for <paramref name="client"/>.</summary>
    public HttpClient ClientFor(TestClient client, string scope, params (string Name, string Value)[] extra)
    {
        var tokens = Tokens;
        return App.CreateDefaultClient(new BearerTokenHandler(async () => (await tokens.RequestAsync(client, scope, extra)).AccessToken));
    }

    public HttpClient OperatorFor(TestClient client, string scope = "orch:read orch:operate", string reason = "maintenance", string ticket = "TICKET-123") =>
        ClientFor(client, scope, ("operator_reason", reason), ("operator_ticket", ticket));

    public HttpClient Anonymous() => App.CreateClient();

    public HttpClient WithToken(string token)
    {
        var http = App.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Signs a token with the Authority's own key; every field can be set to what a test needs.</summary>
    public string Forge(IDictionary<string, object> claims, string type = "at+jwt", SigningCredentials? credentials = null,
        DateTime? expires = null, DateTime? issuedAt = null, DateTime? notBefore = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            TokenType = type,
            Expires = expires ?? now.AddMinutes(5),
            IssuedAt = issuedAt ?? now.AddMinutes(-1),
            NotBefore = notBefore,
            SigningCredentials = credentials ?? new SigningCredentials(new ECDsaSecurityKey(_signingKey), SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>The claims a genuine operator token of acme-operator carries, to start a forgery from.</summary>
    public static Dictionary<string, object> OperatorClaims(string scope = "orch:read orch:operate") => new()
    {
        ["iss"] = Issuer,
        ["aud"] = WireNames.Audience,
        ["sub"] = "acme-operator",
        ["client_id"] = "acme-operator",
        ["jti"] = Guid.NewGuid().ToString(),
        ["scope"] = scope,
        ["tenant"] = "acme",
        ["role"] = "Orch.Operator",
        ["operator_reason"] = "maintenance",
        ["operator_ticket"] = "TICKET-123",
    };

    public Task InitializeAsync()
    {
        _ = App.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        _signingKey.Dispose();
        TestStore.Delete(App.DataDirectory);
    }
}
