using System.Text.RegularExpressions;
using JobEngine.Core.Operators;

namespace JobEngine.Core.Tickets;

/// <summary>
/// A system where operator tickets live (a Jira project, a ServiceNow instance): its name, the
/// form its tickets take (<see cref="Pattern"/>, matched against the whole ticket), the link to a
/// ticket (<see cref="LinkTemplate"/>, with <see cref="Placeholder"/> where the ticket goes), and
/// where to ask whether a ticket exists (<see cref="ValidationUrl"/>).
/// </summary>
public sealed class TicketSystem
{
    /// <summary>Where the ticket, URL-escaped, goes in <see cref="LinkTemplate"/>.</summary>
    public const string Placeholder = "{ticket}";

    // Patterns come from the configuration; a bound keeps a careless one from stalling token requests.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex _pattern;

    public TicketSystem(string name, string pattern, string? linkTemplate, Uri? validationUrl)
    {
        Name = name;
        Pattern = pattern;
        LinkTemplate = linkTemplate;
        ValidationUrl = validationUrl;
        _pattern = new Regex($"^(?:{pattern})\\z", RegexOptions.CultureInvariant, MatchTimeout);
    }

    public string Name { get; }

    public string Pattern { get; }

    public string? LinkTemplate { get; }

    public Uri? ValidationUrl { get; }

    /// <summary>How refusals describe the system: <c>jira (CHG-[0-9]+)</c>.</summary>
    public string Described => $"{Name} ({Pattern})";

    /// <summary>Whether <paramref name="ticket"/> has this system's form; a match that takes too long does not.</summary>
    public bool Matches(OperatorTicket ticket)
    {
        try
        {
            return _pattern.IsMatch(ticket.Value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The link to <paramref name="ticket"/> in this system, or null without a <see cref="LinkTemplate"/>.</summary>
    public string? LinkTo(OperatorTicket ticket) =>
        LinkTemplate?.Replace(Placeholder, Uri.EscapeDataString(ticket.Value), StringComparison.Ordinal);
}
