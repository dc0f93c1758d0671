using System.Text.Json;

namespace JobEngine.WebService.Errors;

/// <summary>Names the member a JSON body failed on, without exposing .NET type names.</summary>
internal static class JsonBodyErrors
{
    public static (string? Field, string Detail) Describe(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return (field, $"'{field}' is not a member this request accepts.");
        }

        return field is null
            ? (null, "The request body is not valid JSON for this request.")
            : (field, $"'{field}' does not have the expected type or format.");
    }
}
