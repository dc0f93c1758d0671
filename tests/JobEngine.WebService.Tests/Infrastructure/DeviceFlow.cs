using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// Drives the device authorization grant through the real endpoints as jobctl and a browser would:
/// the device request, the verification page (its form posted with the antiforgery token and
/// cookie it handed out), and polling the token endpoint.
/// </summary>
public sealed partial class DeviceFlow(HttpClient device, HttpClient browser)
{
    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    public async Task<(int Status, JsonElement Body)> StartAsync(string scope, params (string Name, string Value)[] extra)
    {
        var form = new List<KeyValuePair<string, string>> { new("client_id", "jobctl"), new("scope", scope) };
        form.AddRange(extra.Select(pair => new KeyValuePair<string, string>(pair.Name, pair.Value)));
        using var response = await device.PostAsync("/connect/device", new FormUrlEncodedContent(form));
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public async Task<DeviceCodes> StartOperatorAsync(string scope = "orch:read orch:operate", params (string Name, string Value)[] extra)
    {
        var (status, body) = await StartAsync(scope, [("operator_reason", "stuck deploy"), ("operator_ticket", "CHG-77"), .. extra]);
        Assert.True(status == 200, body.ToString());
        return new DeviceCodes(body.GetProperty("device_code").GetString()!, body.GetProperty("user_code").GetString()!);
    }

    public Task<TokenResponse> PollAsync(string deviceCode) =>
        new TokenClient(device).RequestAsync(
        [
            new("grant_type", DeviceCodeGrant),
            new("client_id", "jobctl"),
            new("device_code", deviceCode),
        ]);

    /// <summary>Opens the verification page for <paramref name="userCode"/> and posts its form; returns the final page.</summary>
    public async Task<(HttpStatusCode Status, string Page, HttpResponseMessage Response)> DecideAsync(
        string userCode, string decision, string? name = null, string? password = null, bool withAntiforgery = true)
    {
        var page = await browser.GetStringAsync($"/connect/verify?user_code={Uri.EscapeDataString(userCode)}");
        var form = new List<KeyValuePair<string, string>>
        {
            new("user_code", userCode),
            new("decision", decision),
            new("username", name ?? ""),
            new("password", password ?? ""),
        };
        if (withAntiforgery)
        {
            form.Add(new("__RequestVerificationToken", AntiforgeryToken().Match(page).Groups[1].Value));
        }

        var response = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task ApproveAsync(string userCode, TestUser user)
    {
        var (status, page, _) = await DecideAsync(userCode, "approve", user.Name, user.Password);
        Assert.True(status == HttpStatusCode.OK && page.Contains("Approved", StringComparison.Ordinal), page);
    }

    /// <summary>Polls until the token is issued or refused, keeping to the interval.</summary>
    public async Task<TokenResponse> PollUntilDoneAsync(string deviceCode, TimeSpan interval)
    {
        while (true)
        {
            await Task.Delay(interval + TimeSpan.FromMilliseconds(200));
            var answer = await PollAsync(deviceCode);
            if (answer.Error is not ("authorization_pending" or "slow_down"))
            {
                return answer;
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed record DeviceCodes(string DeviceCode, string UserCode);
