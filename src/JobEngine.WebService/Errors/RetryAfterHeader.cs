using System.Globalization;

namespace JobEngine.WebService.Errors;

/// <summary>Sends the <c>Retry-After</c> a problem carries (<see cref="Problems.RetryAfterExtension"/>) as the header clients look for.</summary>
internal static class RetryAfterHeader
{
    public static void Apply(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.TryGetValue(Problems.RetryAfterExtension, out var value) && value is int seconds)
        {
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
