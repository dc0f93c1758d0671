using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobEngine.WebService.Health;

/// <summary>
/// <c>/readyz</c> as JSON: the overall status, and each check's status and data (a sink's lag, for
/// one). Anyone may call it, so the checks' descriptions (tenants, hosts, error text) stay in the logs.
/// </summary>
internal static class ReadinessReport
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), data = entry.Value.Data }),
        }, JsonSerializerOptions.Web);
    }
}
