using JobEngine.Core.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace JobEngine.LoadDriver;

/// <summary>
/// The token issuance row's ceiling: a minimal Kestrel server, in a process of its own started
/// from this program (<see cref="ServerHost.StartSigningEndpointAsync"/>), whose token route reads
/// the same client credentials form and answers with the same JWT (<see cref="TokenMinter"/>: same
/// claims, same ES256 key, one signature per request). It checks no secret, records nothing and
/// runs no OpenIddict: what is left is HTTP, the form, one signature and the JSON answer.
/// </summary>
internal static class SigningEndpoint
{
    public const string Argument = "--signing-endpoint";

    /// <summary>Serves until killed: <c>--signing-endpoint TOKEN KEYFILE URL</c>.</summary>
    public static async Task RunAsync(string issuedToken, string keyFile, string url)
    {
        var minter = new TokenMinter(issuedToken, keyFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapGet("/readyz", () => TypedResults.Ok());
        app.MapPost(WireNames.Routes.Token, async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return form["grant_type"] == "client_credentials"
                ? Results.Json(new TokenAnswer(minter.Mint(), "Bearer", (long)minter.Lifetime.TotalSeconds))
                : Results.BadRequest();
        });
        await app.RunAsync();
    }

    private sealed record TokenAnswer(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] long ExpiresIn);
}
