using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using JobEngine.Core.Protocol;

namespace JobEngine.LoadDriver;

/// <summary>HTTP clients of a bench server, each holding a token of one bench client.</summary>
internal sealed class BenchClients(ServerHost server) : IDisposable
{
    private readonly HttpClient _anonymous = NewClient(server.BaseAddress);

    public HttpClient Anonymous => _anonymous;

    public static HttpClient NewClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public static FormUrlEncodedContent OperatorTokenForm(string scope = "orch:read orch:operate") =>
        OperatorTokenForm(ServerHost.Clients[0].Id, ServerHost.Clients[0].Secret, scope);

    public static FormUrlEncodedContent OperatorTokenForm(string clientId, string secret, string scope) => new(
    [
        new("grant_type", "client_credentials"),
        new("client_id", clientId),
        new("client_secret", secret),
        new("scope", scope),
        new(WireNames.Parameters.OperatorReason, "benchmark load"),
        new(WireNames.Parameters.OperatorTicket, "BENCH-1"),
    ]);

    public Task<HttpClient> AsAsync(int client, string scope, bool operatorToken = false)
    {
        var form = operatorToken
            ? OperatorTokenForm(scope)
            : new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"), new("client_id", ServerHost.Clients[client].Id),
                new("client_secret", ServerHost.Clients[client].Secret), new("scope", scope),
            ]);
        return WithTokenAsync(form);
    }

    /// <summary>An operator of another client than <see cref="ServerHost.Clients"/>' first, e.g. <see cref="ServerHost.SecondTenantOperator"/>.</summary>
    public Task<HttpClient> AsOperatorAsync((string Id, string Secret) client, string scope = "orch:read orch:operate") =>
        WithTokenAsync(OperatorTokenForm(client.Id, client.Secret, scope));

    private async Task<HttpClient> WithTokenAsync(FormUrlEncodedContent form)
    {
        using var response = await _anonymous.PostAsync(WireNames.Routes.Token, form);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var http = NewClient(server.BaseAddress);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public void Dispose() => _anonymous.Dispose();
}
