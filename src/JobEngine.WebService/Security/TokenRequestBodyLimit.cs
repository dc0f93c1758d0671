using Microsoft.AspNetCore.Http.Features;

namespace JobEngine.WebService.Security;

/// <summary>
/// Token requests are a few hundred bytes; anything over 64 KB is refused before it is read, so an
/// anonymous caller cannot make the server hold large bodies. A declared length over the limit is
/// refused at once; a chunked body is cut off by the server once it passes the limit. Within the
/// limit the body is buffered, so that a refused form can be re-read to name its bad field.
/// </summary>
internal static class TokenRequestBodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static IApplicationBuilder UseTokenRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(Errors.MalformedRequestExceptionHandler.TokenEndpointPrefix))
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > MaxBytes)
        {
            await RefuseAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        context.Request.EnableBuffering(bufferThreshold: (int)MaxBytes, bufferLimit: MaxBytes);
        await next(context);
    });

    /// <summary>An OAuth error, as everything else the token endpoint answers; the connection is closed rather than the body drained.</summary>
    public static Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.Headers.Connection = "close";
        return context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["error"] = "invalid_request",
            ["error_description"] = $"The token request body is over {MaxBytes / 1024} KB.",
        });
    }
}
