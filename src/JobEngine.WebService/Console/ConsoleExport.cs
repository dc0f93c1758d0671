using JobEngine.Client;

namespace JobEngine.WebService.Console;

/// <summary>
/// <c>GET /console/export</c>: the API's NDJSON export for the trail's filters, streamed through to
/// the browser as a download (never held in memory).
/// </summary>
internal static class ConsoleExport
{
    public static IEndpointConventionBuilder MapConsoleExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/console/export", ExportAsync)
            .RequireAuthorization(ConsoleAuthentication.Policy)
            .ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(
        HttpContext http, [AsParameters] TrailFilter filter, ConsoleApi api, CancellationToken cancellationToken)
    {
        ConsoleHeaders.Apply(http);
        if (!filter.TryParse(out var query, out var invalid))
        {
            return Results.Problem(statusCode: invalid.Status, title: invalid.Title, detail: invalid.Detail);
        }

        var person = ConsolePerson.From(http.User);
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{person.Tenant}.ndjson\"";
        try
        {
            var client = await api.ForAsync(http);
            await client.ExportAuditAsync(http.Response.Body, filter: query, cancellationToken: cancellationToken);
            return Results.Empty;
        }
        catch (JobEngineProblemException problem) when (!http.Response.HasStarted)
        {
            http.Response.Headers.ContentDisposition = default;
            return Results.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail);
        }
    }
}
