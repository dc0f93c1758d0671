using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// Drives the authorization code grant with PKCE as the console and a browser would: the
/// authorization request, the sign-in form posted with its antiforgery token, the redirect back,
/// and the code exchanged at the token endpoint.
/// </summary>
public sealed partial class CodeFlow(HttpClient browser, HttpClient console)
{
    public const string RedirectUri = "http://console.test/callback";

    public string Verifier { get; } = Base64Url(RandomNumberGenerator.GetBytes(32));

    public string Challenge => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public Dictionary<string, string> Request(string scope = "orch:read orch:operate") => new()
    {
        ["response_type"] = "code",
        ["client_id"] = "jobengine-console",
        ["redirect_uri"] = RedirectUri,
        ["scope"] = scope,
        ["state"] = "state-" + Guid.NewGuid().ToString("N"),
        ["nonce"] = "nonce-" + Guid.NewGuid().ToString("N"),
        ["code_challenge"] = Challenge,
        ["code_challenge_method"] = "S256",
        ["operator_reason"] = "console check",
        ["operator_ticket"] = "CHG-88",
    };

    public Task<HttpResponseMessage> OpenAsync(IDictionary<string, string> request) =>
        browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", request!));

    /// <summary>Opens the sign-in page and posts its form; the answer is the redirect (or the page again).</summary>
    public async Task<HttpResponseMessage> SignInAsync(IDictionary<string, string> request, TestUser user, string decision = "approve")
    {
        using var page = await OpenAsync(request);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        var form = new List<KeyValuePair<string, string>>(request)
        {
            new("username", user.Name),
            new("password", user.Password),
            new("decision", decision),
            new("__RequestVerificationToken", AntiforgeryToken().Match(html).Groups[1].Value),
        };
        return await browser.PostAsync("/connect/authorize", new FormUrlEncodedContent(form));
    }

    /// <summary>The parameters of the redirect back to the console.</summary>
    public static Dictionary<string, string> Returned(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith(RedirectUri, location.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    public Task<TokenResponse> RedeemAsync(string code, string? verifier, string redirectUri = RedirectUri)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("client_id", "jobengine-console"),
            new("code", code),
            new("redirect_uri", redirectUri),
        };
        if (verifier is not null)
        {
            form.Add(new("code_verifier", verifier));
        }

        return new TokenClient(console).RequestAsync(form);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
