using System.Buffers.Text;
using System.Text.Json;
using JobEngine.Core.Protocol;

namespace JobEngine.Cli.Config;

/// <summary>The token jobctl holds for one server, and what it says (read, not verified: the server verifies).</summary>
internal sealed record StoredToken(string Server, string ClientId, string AccessToken, DateTimeOffset ExpiresAt)
{
    public JsonElement Claims => JsonDocument.Parse(DecodePayload(AccessToken)).RootElement;

    public string? Claim(string name) =>
        Claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public IReadOnlyList<string> Roles => Claims.TryGetProperty("role", out var role)
        ? role.ValueKind == JsonValueKind.Array ? [.. role.EnumerateArray().Select(r => r.GetString()!)] : [role.GetString()!]
        : [];

    public bool HasScope(string scope) => (Claim(WireNames.Claims.Scope) ?? "").Split(' ').Contains(scope);

    public bool IsOperatorToken => Claim(WireNames.Claims.OperatorReason) is not null && Claim(WireNames.Claims.OperatorTicket) is not null;

    private static byte[] DecodePayload(string jwt)
    {
        var parts = jwt.Split('.');
        return parts.Length == 3 ? Base64Url.DecodeFromChars(parts[1]) : "{}"u8.ToArray();
    }
}
