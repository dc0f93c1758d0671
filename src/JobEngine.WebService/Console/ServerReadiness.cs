using System.Text.Json;

namespace JobEngine.WebService.Console;

/// <summary>
/// The ledger's and the witnesses' states as the server's public readiness report gives them
/// (<c>/readyz</c>): whether the store still agrees with the newest checkpoint, and whether every
/// witness holds the checkpoints signed so far.
/// </summary>
public sealed record ServerReadiness(string Ledger, string Witnesses)
{
    public static async Task<ServerReadiness> ReadAsync(IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        using var response = await clients.CreateClient(ConsoleApi.HttpClientName).GetAsync("readyz", cancellationToken);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return new ServerReadiness(StatusOf(report, "ledger"), StatusOf(report, "witnesses"));
    }

    private static string StatusOf(JsonDocument report, string check) =>
        report.RootElement.TryGetProperty("checks", out var checks) && checks.TryGetProperty(check, out var entry)
        && entry.TryGetProperty("status", out var status)
            ? status.GetString() ?? "Unknown"
            : "Unknown";
}
