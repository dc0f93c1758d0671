using JobEngine.Core.Results;

namespace JobEngine.WebService.Paging;

/// <summary>A list filter naming an enum value (<c>status=Pending</c>): by name, in any case, never by number.</summary>
internal static class QueryEnum
{
    public static Outcome<T?> Parse<T>(string? value, string field)
        where T : struct, Enum
    {
        if (value is null)
        {
            return (T?)null;
        }

        return Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value[0])
            ? parsed
            : Failure.Invalid(field, $"{field} must be one of {string.Join(", ", Enum.GetNames<T>())}.");
    }
}
