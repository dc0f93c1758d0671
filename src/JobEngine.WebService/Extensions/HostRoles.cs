namespace JobEngine.WebService.Extensions;

/// <summary>
/// Which roles this process plays (<c>JobEngine:Roles</c>): <c>authority</c>, <c>jobengine</c>,
/// or both (the default), as a comma-separated string or a list.
/// </summary>
internal sealed record HostRoles(bool Authority, bool JobEngine)
{
    public const string SectionName = "JobEngine:Roles";

    public static HostRoles From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var names = section.GetChildren().Select(child => child.Value).OfType<string>().ToList();
        if (section.Value is { } single)
        {
            names.AddRange(single.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        if (names.Count == 0)
        {
            return new HostRoles(Authority: true, JobEngine: true);
        }

        var unknown = names.Where(name => !name.Equals("authority", StringComparison.OrdinalIgnoreCase)
                                       && !name.Equals("jobengine", StringComparison.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{SectionName} may only name 'authority' and 'jobengine'; found: {string.Join(", ", unknown)}.");
        }

        return new HostRoles(
            names.Contains("authority", StringComparer.OrdinalIgnoreCase),
            names.Contains("jobengine", StringComparer.OrdinalIgnoreCase));
    }
}
