using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace JobEngine.WebService.Json;

/// <summary>Reads instants from requests: ISO 8601 with 'Z' or an explicit offset, never a local time.</summary>
internal static class Instants
{
    public static bool TryParse([NotNullWhen(true)] string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null
               && (text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'))
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
