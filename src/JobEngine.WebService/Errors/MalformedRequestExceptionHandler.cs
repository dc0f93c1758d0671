using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace JobEngine.WebService.Errors;

/// <summary>
/// A body the framework cannot even parse (a NUL in a form value, a truncated form) is the
/// client's fault: answer 400 rather than 500, in the OAuth error format on the token endpoint
/// (naming the offending parameter) and as problem details elsewhere.
/// </summary>
internal sealed class MalformedRequestExceptionHandler : IExceptionHandler
{
    public const string TokenEndpointPrefix = "/connect";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (InvalidDataException or BadHttpRequestException))
        {
            return false;
        }

        var tooLarge = exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (context.Request.Path.StartsWithSegments(TokenEndpointPrefix))
        {
            if (tooLarge)
            {
                await Security.TokenRequestBodyLimit.RefuseAsync(context);
                return true;
            }

            var parameter = await FindUnreadableParameterAsync(context.Request, cancellationToken);
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = "invalid_request",
                ["error_description"] = parameter is null
                    ? "The request body is not a valid form."
                    : $"The '{parameter}' parameter must not contain control characters (NUL) or invalid escapes.",
            }, cancellationToken);
            return true;
        }

        var (field, detail) = Describe(exception);
        // Kestrel says 413 for a body over its limit; anything else it could not read is a 400.
        var status = tooLarge
            ? StatusCodes.Status413PayloadTooLarge
            : StatusCodes.Status400BadRequest;
        var problem = Problems.Create(status, status == StatusCodes.Status413PayloadTooLarge ? ProblemTypes.PayloadTooLarge : ProblemTypes.MalformedRequest,
            "The request body could not be read.", detail, field);
        await problem.ExecuteAsync(context);
        return true;
    }

    /// <summary>Names the member a JSON body failed on, without exposing .NET type names.</summary>
    private static (string? Field, string Detail) Describe(Exception exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return JsonBodyErrors.Describe(json);
        }

        return (null, exception.Message);
    }

    /// <summary>Re-reads the buffered form body to name the field the framework refused.</summary>
    private static async Task<string?> FindUnreadableParameterAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.Body.CanSeek)
        {
            return null;
        }

        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync(cancellationToken);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=');
            var name = Decode(separator < 0 ? pair : pair[..separator]);
            var value = separator < 0 ? "" : Decode(pair[(separator + 1)..]);
            if (name is null || value is null || value.Contains('\0'))
            {
                return name ?? "(unreadable name)";
            }
        }

        return null;
    }

    private static string? Decode(string encoded)
    {
        try
        {
            return Uri.UnescapeDataString(encoded.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
