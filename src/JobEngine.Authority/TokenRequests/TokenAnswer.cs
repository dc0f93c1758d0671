using System.Text.Json.Serialization;

namespace JobEngine.Authority.TokenRequests;

/// <summary>A successful token response as <see cref="ClientCredentialsFastPath"/> writes it, member for member OpenIddict's.</summary>
internal sealed record TokenAnswer(
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);

[JsonSerializable(typeof(TokenAnswer))]
internal sealed partial class TokenAnswerJson : JsonSerializerContext;
