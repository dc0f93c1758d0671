using System.Net.Http.Json;
using JobEngine.Core.Protocol;

namespace JobEngine.Client;

/// <summary>
/// Requests tokens from the Authority: a client's with client credentials at <c>/connect/token</c>,
/// a person's with the device authorization grant (<c>/connect/device</c>, then polling <c>/connect/token</c>).
/// </summary>
public sealed class AuthorityClient(HttpClient http)
{
    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    public Task<TokenResponse> RequestTokenAsync(TokenRequest request, CancellationToken cancellationToken = default)
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
        AddIfSet(form, WireNames.Parameters.OperatorReasonCode, request.OperatorReasonCode);
        return PostAsync(WireNames.Routes.Token, form, ClientJsonContext.Default.TokenResponse, cancellationToken);
    }

    public Task<DeviceAuthorization> StartDeviceAuthorizationAsync(DeviceAuthorizationRequest request, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("client_id", WireNames.PublicClients.Jobctl),
            new("scope", request.Scope),
        };
        AddIfSet(form, WireNames.Parameters.Tenant, request.Tenant);
        AddIfSet(form, WireNames.Parameters.OperatorReason, request.OperatorReason);
        AddIfSet(form, WireNames.Parameters.OperatorTicket, request.OperatorTicket);
        AddIfSet(form, WireNames.Parameters.OperatorReasonCode, request.OperatorReasonCode);
        return PostAsync(WireNames.Routes.DeviceAuthorization, form, ClientJsonContext.Default.DeviceAuthorization, cancellationToken);
    }

    /// <summary>One poll for a device's token; <c>authorization_pending</c>, <c>slow_down</c> and every other refusal throw <see cref="OAuthException"/>.</summary>
    public Task<TokenResponse> PollDeviceTokenAsync(string deviceCode, CancellationToken cancellationToken = default) =>
        PostAsync(WireNames.Routes.Token,
        [
            new("grant_type", DeviceCodeGrant),
            new("client_id", WireNames.PublicClients.Jobctl),
            new("device_code", deviceCode),
        ], ClientJsonContext.Default.TokenResponse, cancellationToken);

    private async Task<T> PostAsync<T>(string route, List<KeyValuePair<string, string>> form,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(route, new FormUrlEncodedContent(form), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await response.Content.ReadFromJsonAsync(ClientJsonContext.Default.OAuthErrorBody, cancellationToken);
            throw new OAuthException((int)response.StatusCode, error?.Error ?? "invalid_response", error?.ErrorDescription);
        }

        return await response.Content.ReadFromJsonAsync(type, cancellationToken)
            ?? throw new OAuthException((int)response.StatusCode, "invalid_response", $"{route} answered without a body.");
    }

    private static void AddIfSet(List<KeyValuePair<string, string>> form, string name, string? value)
    {
        if (value is not null)
        {
            form.Add(new(name, value));
        }
    }
}
