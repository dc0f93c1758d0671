using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>Reads a compact JWS without validating it, to assert what the Authority wrote.</summary>
public sealed record Jwt(JsonElement Header, JsonElement Payload)
{
    public static Jwt Parse(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return new Jwt(
            JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0])).RootElement,
            JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1])).RootElement);
    }

    public string? Claim(string name) =>
        Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public bool Has(string name) => Payload.TryGetProperty(name, out _);

    public string[] Claims(string name) => Payload.TryGetProperty(name, out var value)
        ? value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(item => item.GetString()!)] : [value.GetString()!]
        : [];
}
