using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using JobEngine.Client;

namespace JobEngine.WebService.Console;

/// <summary>
/// The trail's filters as a form sends them: empty fields mean "any", times are UTC as the browser's
/// date-time fields give them (no zone). The API validates the rest and names the field it refuses.
/// </summary>
public sealed class TrailFilter
{
    public string? Ticket { get; set; }

    public string? TicketSystem { get; set; }

    public string? ReasonCode { get; set; }

    public string? Actor { get; set; }

    public string? EventType { get; set; }

    public string? ResourceType { get; set; }

    public string? ResourceId { get; set; }

    public string? Since { get; set; }

    public string? Until { get; set; }

    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];

    public bool TryParse([NotNullWhen(true)] out AuditFilter? filter, [NotNullWhen(false)] out ConsoleProblem? problem)
    {
        filter = null;
        if (!TryTime(Since, "since", out var since, out problem) || !TryTime(Until, "until", out var until, out problem))
        {
            return false;
        }

        filter = new AuditFilter(Blank(EventType), Blank(ResourceType), Blank(ResourceId), Blank(Actor), Blank(Ticket), since, until,
            Blank(TicketSystem), Blank(ReasonCode));
        return true;
    }

    /// <summary>The filters as query parameters, for links that keep them (paging, export).</summary>
    public Dictionary<string, string?> ToQuery() => new()
    {
        ["ticket"] = Blank(Ticket), ["ticketSystem"] = Blank(TicketSystem), ["reasonCode"] = Blank(ReasonCode), ["actor"] = Blank(Actor), ["eventType"] = Blank(EventType),
        ["resourceType"] = Blank(ResourceType), ["resourceId"] = Blank(ResourceId), ["since"] = Blank(Since), ["until"] = Blank(Until),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryTime(string? text, string field, out DateTimeOffset? time, [NotNullWhen(false)] out ConsoleProblem? problem)
    {
        time = null;
        problem = null;
        if (Blank(text) is not { } value)
        {
            return true;
        }

        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, utc, out var local)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, utc, out local))
        {
            time = local.ToUniversalTime();
            return true;
        }

        problem = new ConsoleProblem(StatusCodes.Status400BadRequest, "Invalid filter",
            $"{field} must be a UTC date and time such as 2026-11-30T09:00.");
        return false;
    }
}
