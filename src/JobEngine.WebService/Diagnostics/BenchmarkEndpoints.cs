using JobEngine.Core.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobEngine.WebService.Diagnostics;

/// <summary>
/// Two no-op endpoints that differ only in requiring a valid bearer token, so a load driver can
/// measure what token validation costs on an API request (under <c>/api/v1</c>, like every API route). Off unless <c>JobEngine:Diagnostics:BenchmarkEndpoints</c>
/// is true; never needed in production.
/// </summary>
internal static class BenchmarkEndpoints
{
    public const string SettingName = "JobEngine:Diagnostics:BenchmarkEndpoints";

    public static WebApplication MapBenchmarkEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(SettingName))
        {
            return app;
        }

        var bench = app.MapGroup($"{WireNames.Routes.Api}/bench").ExcludeFromDescription();
        bench.MapGet("/noop", NoOp).AllowAnonymous();
        bench.MapGet("/noop-protected", NoOp).RequireAuthorization();
        return app;
    }

    private static NoContent NoOp() => TypedResults.NoContent();
}
