using System.Security.Cryptography;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.WebService.Tests.Authority;

public sealed class SigningKeyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SigningKey_SurvivesARestart_SoEarlierTokensStillVerify()
    {
        string token;
        string firstKid;
        await using (var first = new JobEngineApp(dataDirectory: _directory))
        {
            token = (await new TokenClient(first.CreateClient()).RequestAsync(TestClient.Viewer, "orch:read")).AccessToken;
            firstKid = Jwt.Parse(token).Header.GetProperty("kid").GetString()!;
        }

        await using var second = new JobEngineApp(dataDirectory: _directory);
        var http = second.CreateClient();
        var keys = new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks")).GetSigningKeys();

        Assert.Equal(firstKid, Assert.Single(keys).KeyId);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidAudience = "jobengine",
            IssuerSigningKeys = keys,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task TwoAuthorityProcessesOnOneStore_SignWithTheSameKey()
    {
        await using var first = new JobEngineApp(dataDirectory: _directory);
        await using var second = new JobEngineApp(dataDirectory: _directory);

        var one = Jwt.Parse((await new TokenClient(first.CreateClient()).RequestAsync(TestClient.Viewer, "orch:read")).AccessToken);
        var two = Jwt.Parse((await new TokenClient(second.CreateClient()).RequestAsync(TestClient.Viewer, "orch:read")).AccessToken);

        Assert.Equal(one.Header.GetProperty("kid").GetString(), two.Header.GetProperty("kid").GetString());
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public async Task ConfiguredKeyFile_IsUsedForSigning(string algorithm)
    {
        Directory.CreateDirectory(_directory);
        var keyFile = Path.Combine(_directory, "signing.pem");
        using AsymmetricAlgorithm key = algorithm == "ES256" ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());

        await using var app = new JobEngineApp(dataDirectory: _directory,
            settings: new Dictionary<string, string?> { ["JobEngine:Authority:SigningKeyFile"] = keyFile });
        var token = (await new TokenClient(app.CreateClient()).RequestAsync(TestClient.Viewer, "orch:read")).AccessToken;

        Assert.Equal(algorithm, Jwt.Parse(token).Header.GetProperty("alg").GetString());
        SecurityKey expected = key is ECDsa ec ? new ECDsaSecurityKey(ec) : new RsaSecurityKey((RSA)key);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidAudience = "jobengine",
            IssuerSigningKey = expected,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    public void Dispose() => TestStore.Delete(_directory);
}
