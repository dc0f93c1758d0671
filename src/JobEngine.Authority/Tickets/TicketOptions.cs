using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using JobEngine.Core.Tenants;
using JobEngine.Core.Tickets;

namespace JobEngine.Authority.Tickets;

/// <summary>
/// Ticket systems per tenant and the reason code rule (<c>JobEngine:Tickets</c>). A tenant that no
/// system names takes any well-formed ticket, as without this section.
/// </summary>
public sealed partial class TicketOptions : IValidatableObject
{
    public const string SectionName = "JobEngine:Tickets";

    public List<TicketSystemOptions> Systems { get; set; } = [];

    /// <summary>Whether operator tokens must carry <c>operator_reason_code</c>.</summary>
    public bool RequireReasonCode { get; set; }

    /// <summary>The whole time a ticket system has to answer, retries included; then the request is refused.</summary>
    public TimeSpan ValidationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a ticket system's "valid" is reused for the same ticket, grantee and scopes; zero asks every time.</summary>
    public TimeSpan ValidationCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ValidationTimeout < TimeSpan.FromMilliseconds(100) || ValidationTimeout > TimeSpan.FromSeconds(30))
        {
            yield return Invalid("ValidationTimeout must be between 00:00:00.1 and 00:00:30.", nameof(ValidationTimeout));
        }

        if (ValidationCacheLifetime < TimeSpan.Zero || ValidationCacheLifetime > TimeSpan.FromMinutes(15))
        {
            yield return Invalid("ValidationCacheLifetime must be between 00:00:00 and 00:15:00.", nameof(ValidationCacheLifetime));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Systems.Count; i++)
        {
            var system = Systems[i];
            var at = $"Systems:{i}";
            if (!NameRegex().IsMatch(system.Name))
            {
                yield return Invalid($"{at}:Name '{system.Name}' must be 1 to 64 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.", nameof(Systems));
            }
            else if (!names.Add(system.Name))
            {
                yield return Invalid($"{at}:Name '{system.Name}' is used by another system.", nameof(Systems));
            }

            if (PatternError(system.Pattern) is { } patternError)
            {
                yield return Invalid($"{at}:Pattern {patternError}", nameof(Systems));
            }

            if (system.LinkTemplate is { } link
                && (!link.Contains(TicketSystem.Placeholder, StringComparison.Ordinal) || !IsHttpUrl(link.Replace(TicketSystem.Placeholder, "x", StringComparison.Ordinal))))
            {
                yield return Invalid($"{at}:LinkTemplate must be an absolute http(s) URL containing {TicketSystem.Placeholder}.", nameof(Systems));
            }

            if (system.ValidationUrl is { } url && !IsHttpUrl(url))
            {
                yield return Invalid($"{at}:ValidationUrl must be an absolute http(s) URL.", nameof(Systems));
            }

            foreach (var tenant in system.Tenants.Where(tenant => !TenantId.TryCreate(tenant, out _, out _)))
            {
                yield return Invalid($"{at}:Tenants: '{tenant}' is not a tenant id.", nameof(Systems));
            }
        }
    }

    private static string? PatternError(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "is required: a regular expression that the whole ticket must match, e.g. CHG-[0-9]+.";
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
            return null;
        }
        catch (ArgumentException exception)
        {
            return $"is not a regular expression: {exception.Message}";
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static ValidationResult Invalid(string message, string member) => new($"{SectionName}:{message}", [member]);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}

/// <summary>One ticket system (<c>JobEngine:Tickets:Systems:N</c>).</summary>
public sealed class TicketSystemOptions
{
    public string Name { get; set; } = "";

    /// <summary>A regular expression the whole ticket must match.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>The link to a ticket, with <c>{ticket}</c> where the ticket goes (URL-escaped).</summary>
    public string? LinkTemplate { get; set; }

    /// <summary>Where the Authority asks whether a ticket is valid before it issues an operator token.</summary>
    public string? ValidationUrl { get; set; }

    /// <summary>The tenants whose tickets live in this system; none means every tenant.</summary>
    public List<string> Tenants { get; set; } = [];
}
