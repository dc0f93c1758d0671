using JobEngine.Core.Operators;
using JobEngine.Core.Protocol;
using Microsoft.AspNetCore.Http;

namespace JobEngine.Authority;

/// <summary>What the ledger records about the HTTP request behind an entry.</summary>
public static class RequestMetadataReader
{
    public const string CorrelationHeader = WireNames.Headers.CorrelationId;

    /// <summary>The request's correlation id (<c>X-Correlation-Id</c>, else the trace id), method, path, source IP and user agent.</summary>
    public static RequestMetadata From(HttpContext http) => new(
        CorrelationId: http.Request.Headers[CorrelationHeader].FirstOrDefault() ?? http.TraceIdentifier,
        HttpMethod: http.Request.Method,
        RequestPath: http.Request.Path.Value ?? "",
        SourceIp: http.Connection.RemoteIpAddress?.ToString(),
        UserAgent: http.Request.Headers.UserAgent.FirstOrDefault());
}
