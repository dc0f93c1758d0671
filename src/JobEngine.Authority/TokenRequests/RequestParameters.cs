using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;

namespace JobEngine.Authority.TokenRequests;

/// <summary>Reads a custom token request parameter that must appear at most once.</summary>
internal static class RequestParameters
{
    public static bool TryGetSingle(OpenIddictRequest request, string name, out string? value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        value = null;
        if (request.GetParameter(name) is not { } parameter)
        {
            return true;
        }

        var values = (StringValues?)parameter ?? StringValues.Empty;
        if (values.Count > 1)
        {
            error = $"The '{name}' parameter must not be repeated.";
            return false;
        }

        value = values.Count == 1 ? values[0] : null;
        return true;
    }
}
