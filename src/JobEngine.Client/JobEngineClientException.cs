using System.Text.Json.Serialization;

namespace JobEngine.Client;

/// <summary>An RFC 9457 problem the API answered with: status, type, title, detail and field errors.</summary>
public sealed class JobEngineProblemException(
    int status, string? type, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
    : Exception(detail ?? title ?? $"The API answered {status}.")
{
    public int Status { get; } = status;
    public string? Type { get; } = type;
    public string? Title { get; } = title;
    public string? Detail { get; } = detail;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public bool IsMissingOperatorJustification => Type == "urn:jobengine:problem:missing-operator-justification";
}

/// <summary>An OAuth 2.0 error from the token endpoint.</summary>
public sealed class OAuthException(int status, string error, string? description)
    : Exception(description is null ? error : $"{error}: {description}")
{
    public int Status { get; } = status;
    public string Error { get; } = error;
    public string? Description { get; } = description;
}

internal sealed record ProblemBody(
    string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);

internal sealed record OAuthErrorBody(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
