using System.Net.Http.Json;
using JobEngine.Core.Protocol;

namespace JobEngine.Client;

/// <summary>Requests tokens from the Authority's <c>/connect/token</c> (client credentials).</summary>
public sealed class AuthorityClient(HttpClient http)
{
    public async Task<TokenResponse> RequestTokenAsync(TokenRequest request, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", request.ClientId),
            new("client_secret", request.ClientSecret),
            new("scope", request.Scope),
        };
        AddIfSet(form, WireNames.Parameters.Tenant, request.Tenant);
        AddIfSet(form, WireNames.Parameters.OperatorReason, request.OperatorReason);
        AddIfSet(form, WireNames.Parameters.OperatorTicket, request.OperatorTicket);

        using var response = await http.PostAsync(WireNames.Routes.Token, new FormUrlEncodedContent(form), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await response.Content.ReadFromJsonAsync(ClientJsonContext.Default.OAuthErrorBody, cancellationToken);
            throw new OAuthException((int)response.StatusCode, error?.Error ?? "invalid_response", error?.ErrorDescription);
        }

        return await response.Content.ReadFromJsonAsync(ClientJsonContext.Default.TokenResponse, cancellationToken)
            ?? throw new OAuthException((int)response.StatusCode, "invalid_response", "The token endpoint answered without a body.");
    }

    private static void AddIfSet(List<KeyValuePair<string, string>> form, string name, string? value)
    {
        if (value is not null)
        {
            form.Add(new(name, value));
        }
    }
}
