using System.Data.Common;
using System.Security.Cryptography;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.WebService.Tests.Authority;

/// <summary>
/// The Authority's keys are encrypted in the store with a key ring kept outside it: the database
/// alone cannot sign, and a process without the key ring refuses to start rather than making a
/// new key. A fresh store each.
/// </summary>
public sealed class KeyProtectionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TheStoredSigningKey_IsNoPrivateKey_AndTheStoreWithoutItsKeyRingRefusesToStart()
    {
        await using (var first = new JobEngineApp(dataDirectory: _directory))
        {
            await new TokenClient(first.CreateClient()).RequestAsync(TestClient.Viewer, "orch:read");
        }

        using (var connection = TestStore.Open(_directory))
        {
            var material = SigningKeyMaterial(connection);
            using var ecdsa = ECDsa.Create();
            Assert.ThrowsAny<CryptographicException>(() => ecdsa.ImportPkcs8PrivateKey(material, out _));
        }

        await using var copied = new JobEngineApp(dataDirectory: _directory,
            settings: new Dictionary<string, string?> { ["JobEngine:Authority:KeyRingPath"] = Path.Combine(_directory, "another-key-ring") });
        var refused = Assert.ThrowsAny<Exception>(() => copied.Server);
        Assert.Contains("JobEngine:Authority:KeyRingPath", Flatten(refused));
    }

    [Fact]
    public async Task ASigningKeyStoredInTheClear_IsEncryptedInPlace_AndStillSigns()
    {
        await using (var first = new JobEngineApp(dataDirectory: _directory))
        {
            _ = first.Server;
        }

        using var legacy = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using (var connection = TestStore.Open(_directory))
        {
            connection.Execute("DELETE FROM authority_keys WHERE use = 'sig'");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO authority_keys (key_id, use, algorithm, material, created_at) VALUES ('legacy-kid', 'sig', 'ES256', @material, @created)";
            Parameter(insert, "material", legacy.ExportPkcs8PrivateKey());
            Parameter(insert, "created", TestStore.IsPostgres ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.UtcTicks);
            insert.ExecuteNonQuery();
        }

        await using var upgraded = new JobEngineApp(dataDirectory: _directory);
        var token = (await new TokenClient(upgraded.CreateClient()).RequestAsync(TestClient.Viewer, "orch:read")).AccessToken;

        Assert.Equal("legacy-kid", Jwt.Parse(token).Header.GetProperty("kid").GetString());
        var signedByLegacyKey = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidAudience = "jobengine",
            IssuerSigningKey = new ECDsaSecurityKey(legacy) { KeyId = "legacy-kid" },
        });
        Assert.True(signedByLegacyKey.IsValid, signedByLegacyKey.Exception?.Message);
        using var reread = TestStore.Open(_directory);
        Assert.NotEqual(legacy.ExportPkcs8PrivateKey(), SigningKeyMaterial(reread));
    }

    public void Dispose() => TestStore.Delete(_directory);

    private static byte[] SigningKeyMaterial(DbConnection connection)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT material FROM authority_keys WHERE use = 'sig'";
        return (byte[])select.ExecuteScalar()!;
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " " + Flatten(exception.InnerException);
}
