using System.Net.Http.Headers;
using JobEngine.Client;
using Microsoft.AspNetCore.Authentication;

namespace JobEngine.WebService.Console;

/// <summary>
/// The JobEngine API as the signed-in person's client: the typed client with the person's access
/// token. The console reads and acts only through it, never through the store.
/// </summary>
internal sealed class ConsoleApi(IHttpClientFactory clients)
{
    public const string HttpClientName = "JobEngine.Console.Api";
    public const string AccessTokenName = "access_token";

    public async Task<JobEngineClient> ForAsync(HttpContext http)
    {
        var token = await http.GetTokenAsync(ConsoleAuthentication.Scheme, AccessTokenName);
        var client = clients.CreateClient(HttpClientName);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new JobEngineClient(client);
    }
}
