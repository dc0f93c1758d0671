using System.Net;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.WebService.Tests.Authority;

/// <summary>
/// A JobEngine host whose clock the test moves, and whose requests come from the source address the
/// test names (the in-memory server has no address of its own). Several on one data directory share
/// the store as the processes of one deployment do.
/// </summary>
internal sealed class FailureLimitApp(ManualClock clock, string? dataDirectory = null, IDictionary<string, string?>? settings = null)
    : JobEngineApp(dataDirectory: dataDirectory, settings: settings)
{
    public const string DefaultAddress = "192.0.2.10";
    private const string SourceAddressHeader = "X-Test-Source-Address";

    /// <summary>A client-credentials request for <paramref name="client"/> with <paramref name="secret"/>, sent from <paramref name="from"/>.</summary>
    public async Task<Attempt> RequestTokenAsync(string client, string secret, string from = DefaultAddress, string scope = "orch:read")
    {
        using var http = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client,
                ["client_secret"] = secret,
                ["scope"] = scope,
            }),
        };
        request.Headers.Add(SourceAddressHeader, from);
        using var response = await http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return new Attempt((int)response.StatusCode, body, response.Headers.RetryAfter?.Delta);
    }

    public Task<Attempt> RequestTokenAsync(TestClient client, string from = DefaultAddress) =>
        RequestTokenAsync(client.ClientId, client.Secret, from);

    /// <summary>Sends <paramref name="count"/> wrong secrets for <paramref name="client"/>, one after the other.</summary>
    public async Task<List<Attempt>> GuessAsync(string client, int count, string from = DefaultAddress)
    {
        var attempts = new List<Attempt>();
        for (var i = 0; i < count; i++)
        {
            attempts.Add(await RequestTokenAsync(client, $"wrong-guess-{i}-0123456789", from));
        }

        return attempts;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddTransient<IStartupFilter, SourceAddressFromHeader>();
        });
    }

    private sealed class SourceAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[SourceAddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>What the token endpoint answered.</summary>
internal sealed record Attempt(int Status, JsonElement Body, TimeSpan? RetryAfter)
{
    public string? Error => Body.TryGetProperty("error", out var error) ? error.GetString() : null;

    public bool IssuedToken => Body.TryGetProperty("access_token", out _);
}
