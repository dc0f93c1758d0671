using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>Talks to the real token endpoint the way an OAuth client would.</summary>
public sealed class TokenClient(HttpClient http)
{
    public async Task<TokenResponse> RequestAsync(IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? basic = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = basic;
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TokenResponse((int)response.StatusCode, body);
    }

    public Task<TokenResponse> RequestAsync(TestClient client, string scope, params (string Name, string Value)[] extra) =>
        RequestAsync(Form(client, scope, extra));

    public static List<KeyValuePair<string, string>> Form(TestClient client, string scope, params (string Name, string Value)[] extra)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", client.ClientId),
            new("client_secret", client.Secret),
            new("scope", scope),
        };
        form.AddRange(extra.Select(pair => new KeyValuePair<string, string>(pair.Name, pair.Value)));
        return form;
    }

    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
}

public sealed record TokenResponse(int Status, JsonElement Body)
{
    public string? Error => Body.TryGetProperty("error", out var error) ? error.GetString() : null;

    public string? ErrorDescription => Body.TryGetProperty("error_description", out var description) ? description.GetString() : null;

    /// <summary>A 400 with the OAuth <paramref name="error"/>, a description that mentions <paramref name="mentioning"/>, and no token.</summary>
    public void AssertRefused(string error, string mentioning = "")
    {
        Assert.Equal(400, Status);
        Assert.Equal(error, Error);
        Assert.Contains(mentioning, ErrorDescription);
        Assert.False(Body.TryGetProperty("access_token", out _));
    }

    public string AccessToken => Body.TryGetProperty("access_token", out var token)
        ? token.GetString()!
        : throw new InvalidOperationException($"No token was issued: {Body}");
}
