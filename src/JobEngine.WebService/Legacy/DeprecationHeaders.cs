using System.Globalization;
using JobEngine.Core.Protocol;

namespace JobEngine.WebService.Legacy;

/// <summary>
/// Serves the deprecated <c>/api/orchestrator/...</c> routes as their <c>/api/v1/...</c>
/// successors, announcing the deprecation (RFC 9745), the sunset (RFC 8594) and the successor
/// (<c>Link: &lt;/api/v1/...&gt;; rel="successor-version"</c>) on every answer.
/// </summary>
internal static class DeprecationHeaders
{
    public const string LegacyPrefix = WireNames.Routes.LegacyApi;
    public const string SuccessorPrefix = WireNames.Routes.Api;

    /// <summary>When the legacy routes were deprecated.</summary>
    public static readonly DateTimeOffset DeprecatedAt = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When the legacy routes stop answering.</summary>
    public static readonly DateTimeOffset SunsetAt = new(2027, 6, 30, 0, 0, 0, TimeSpan.Zero);

    public static IApplicationBuilder UseDeprecatedRoutes(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(LegacyPrefix, StringComparison.OrdinalIgnoreCase, out var rest))
            {
                return next(context);
            }

            // The successor goes into a header: percent-encoded, as it travels on the wire.
            var successor = SuccessorPrefix + rest.ToUriComponent();
            context.Request.Path = new PathString(SuccessorPrefix).Add(rest);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers["Deprecation"] = "@" + DeprecatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                headers["Sunset"] = SunsetAt.ToString("r", CultureInfo.InvariantCulture);
                headers.Append("Link", $"<{successor}>; rel=\"successor-version\"");
                return Task.CompletedTask;
            });
            return next(context);
        });
}
