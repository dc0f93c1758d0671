using JobEngine.Core.Operators;
using JobEngine.Core.Protocol;
using JobEngine.Core.Text;
using Microsoft.AspNetCore.Http;

namespace JobEngine.Authority;

/// <summary>
/// What the ledger records about the HTTP request behind an entry. Whatever the caller controls is
/// bounded and made visible: header values are cut and their control and format characters
/// replaced (U+FFFD), and the path is kept percent-encoded, so no entry can be bloated or read as
/// something it does not store.
/// </summary>
public static class RequestMetadataReader
{
    public const string CorrelationHeader = WireNames.Headers.CorrelationId;
    public const int MaxCorrelationIdLength = 128;
    public const int MaxUserAgentLength = 256;
    public const int MaxRequestPathLength = 1024;

    /// <summary>The request's correlation id (<c>X-Correlation-Id</c>, else the trace id), method, path, source IP and user agent.</summary>
    public static RequestMetadata From(HttpContext http) => new(
        CorrelationId: TextRule.Sanitize(http.Request.Headers[CorrelationHeader].FirstOrDefault() ?? http.TraceIdentifier, MaxCorrelationIdLength),
        HttpMethod: http.Request.Method,
        RequestPath: Cut(http.Request.Path.ToUriComponent(), MaxRequestPathLength),
        SourceIp: http.Connection.RemoteIpAddress?.ToString(),
        UserAgent: TextRule.Sanitize(http.Request.Headers.UserAgent.FirstOrDefault(), MaxUserAgentLength));

    private static string Cut(string value, int length) => value.Length > length ? value[..length] : value;
}
