using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace JobEngine.LoadDriver;

/// <summary>
/// The console's pages over the seeded million-entry tenant, as a signed-in auditor loads them
/// (server time: loopback, no browser). Each page is paired with the API read it wraps, made with
/// a token of the same scopes, so the ratio is what the page adds to the API.
/// </summary>
internal sealed partial class ConsoleScenarios(BenchSettings settings)
{
    public const string User = "bench-auditor";

    /// <summary>The console's budget for a page, from the console's issue: no page over 200 ms.</summary>
    private const double PageBudgetMs = 200;

    private static readonly string Password = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    /// <summary>A local auditor of the bench tenant, for the server's configuration.</summary>
    public static Dictionary<string, string> UserSettings() => new()
    {
        ["JobEngine:Users:0:Name"] = User,
        ["JobEngine:Users:0:PasswordHash"] = new PasswordHasher<object>().HashPassword(new object(), Password),
        ["JobEngine:Users:0:Tenants:0"] = "bench",
        ["JobEngine:Users:0:Roles:0"] = "Orch.Auditor",
    };

    public async Task<IReadOnlyList<Measurement>> PagesAsync(ServerHost server, string ticket, IReadOnlyList<Guid> sampleIds, int entries)
    {
        using var clients = new BenchClients(server);
        using var api = await clients.AsAsync(3, "orch:read orch:audit");
        using var checkpoint = await api.PostAsync("api/v1/audit/checkpoints", null);
        checkpoint.EnsureSuccessStatusCode();
        using var browser = await SignInAsync(server.BaseAddress);

        var pages = new (string Name, Func<int, string> Page, Func<int, string> Api, string ApiLabel)[]
        {
            ("trail, newest 50", _ => "console", _ => "api/v1/audit?order=desc&limit=50", "GET /audit?order=desc&limit=50"),
            ("ticket page", _ => $"console/tickets/{ticket}", _ => $"api/v1/audit?operatorTicket={ticket}&limit=200", "GET /audit?operatorTicket=&limit=200"),
            ("entry page with its proof checked", i => $"console/entries/{sampleIds[i % sampleIds.Count]}",
                i => $"api/v1/audit/{sampleIds[i % sampleIds.Count]}/proof", "GET /audit/{id}/proof"),
        };
        var rows = new List<Measurement>();
        foreach (var (name, page, read, label) in pages)
        {
            Task<bool> Page(int i) => OkAsync(browser, page(i));
            Task<bool> Api(int i) => OkAsync(api, read(i));
            await ClosedLoop.AlternatingAsync(settings.QueryRequests, Page, Api);
            var (ours, baseline) = await ClosedLoop.AlternatingAsync(settings.QueryRequests, Page, Api);
            rows.Add(new Measurement($"console {name} over {entries:N0} entries (p99)", "ms", ours.P99Ms, baseline.P99Ms,
                $"the API read it wraps, {label}, same scopes (p99)", $"< {PageBudgetMs:F0} ms p99", ours.P99Ms < PageBudgetMs && ours.Failures == 0,
                $"p50 {ours.P50Ms:F2} ms, p99 {ours.P99Ms:F2} ms (baseline p50 {baseline.P50Ms:F2}, p99 {baseline.P99Ms:F2})",
                ours.Failures + baseline.Failures > 0 ? $"{ours.Failures + baseline.Failures} failed requests" : null));
        }

        return rows;
    }

    /// <summary>Signs in as a browser would: the console's sign-in form, the Authority's page, the callback; the cookie is the session.</summary>
    private static async Task<HttpClient> SignInAsync(Uri server)
    {
        var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = server };
        var signIn = await browser.GetStringAsync("console/signin");
        using var toAuthority = await browser.PostAsync("console/signin", new FormUrlEncodedContent(
            [.. HiddenFields(signIn), new("tenant", "bench")]));
        var authorityPage = await toAuthority.Content.ReadAsStringAsync();
        using var signedIn = await browser.PostAsync(toAuthority.RequestMessage!.RequestUri, new FormUrlEncodedContent(
            [.. HiddenFields(authorityPage), new("username", User), new("password", Password), new("decision", "approve")]));
        if (signedIn.RequestMessage!.RequestUri!.AbsolutePath != "/console" || !signedIn.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The console sign-in ended at {signedIn.RequestMessage.RequestUri} ({(int)signedIn.StatusCode}).");
        }

        return browser;
    }

    private static IEnumerable<KeyValuePair<string, string>> HiddenFields(string html) =>
        HiddenInput().Matches(html).Select(input => new KeyValuePair<string, string>(
            WebUtility.HtmlDecode(Attribute(input.Value, "name")), WebUtility.HtmlDecode(Attribute(input.Value, "value"))));

    private static string Attribute(string input, string name) =>
        Regex.Match(input, $"\\b{name}=\"([^\"]*)\"").Groups[1].Value;

    private static async Task<bool> OkAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode == HttpStatusCode.OK;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();
}
