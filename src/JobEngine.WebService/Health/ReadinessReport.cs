using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobEngine.WebService.Health;

/// <summary>
/// <c>/readyz</c> as JSON: the overall status and each check's status, description and data (a
/// sink's lag, for one), so an operator sees why without reading logs. Nothing secret is in it.
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
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, data = entry.Value.Data }),
        }, JsonSerializerOptions.Web);
    }
}
