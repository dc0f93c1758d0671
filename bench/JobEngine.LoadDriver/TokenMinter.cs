using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.LoadDriver;

/// <summary>
/// Signs JWTs like one the Authority issued: the same claims and header type, the same key
/// (<see cref="BenchSigningKey"/>), a fresh <c>jti</c> and fresh times of the same lifetime each,
/// one ES256 signature per token. The server cannot tell them from its own.
/// </summary>
internal sealed class TokenMinter
{
    private static readonly string[] TimeClaims = [JwtRegisteredClaimNames.Iat, JwtRegisteredClaimNames.Nbf, JwtRegisteredClaimNames.Exp];

    private readonly Dictionary<string, object> _claims;
    private readonly bool _hasIssuedAt;
    private readonly bool _hasNotBefore;
    private readonly SigningCredentials _credentials;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenMinter(string issuedToken, string keyFile)
    {
        var issued = new JsonWebToken(issuedToken);
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(issued.EncodedPayload));
        _claims = payload.RootElement.EnumerateObject()
            .Where(claim => !TimeClaims.Contains(claim.Name))
            .ToDictionary(claim => claim.Name, claim => Plain(claim.Value));
        _hasIssuedAt = issued.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out _);
        _hasNotBefore = issued.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out _);
        Lifetime = issued.ValidTo - issued.IssuedAt;
        TokenType = issued.Typ;
        _credentials = BenchSigningKey.Credentials(issued.Kid, keyFile);
    }

    public TimeSpan Lifetime { get; }

    public string TokenType { get; }

    public string Mint()
    {
        var now = DateTime.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>(_claims) { [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString() },
            IssuedAt = _hasIssuedAt ? now : null,
            NotBefore = _hasNotBefore ? now : null,
            Expires = now + Lifetime,
            TokenType = TokenType,
            SigningCredentials = _credentials,
        });
    }

    /// <summary>A claim's JSON value as the .NET value the token handler writes back as the same JSON.</summary>
    private static object Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(member => member.Name, member => Plain(member.Value)),
        _ => throw new InvalidOperationException($"A claim of kind {value.ValueKind} cannot be copied."),
    };
}
