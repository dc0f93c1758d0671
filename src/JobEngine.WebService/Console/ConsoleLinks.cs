using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace JobEngine.WebService.Console;

/// <summary>Links between console pages that carry their filters along.</summary>
public static class ConsoleLinks
{
    public static string With(string path, IEnumerable<KeyValuePair<string, string?>> query) =>
        QueryHelpers.AddQueryString(path, query.Where(pair => !string.IsNullOrEmpty(pair.Value)));

    public static string Entry(string? entryId) => $"/console/entries/{entryId}";

    public static string Ticket(string ticket) => $"/console/tickets/{Uri.EscapeDataString(ticket)}";

    public static string Job(string? jobId) => $"/console/jobs/{jobId}";

    /// <summary><paramref name="returnUrl"/> when it is a console page of this host, else <paramref name="fallback"/>: never a redirect elsewhere.</summary>
    public static string ConsolePageOr(IUrlHelper url, string? returnUrl, string fallback) =>
        returnUrl is not null && url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/console", StringComparison.Ordinal) ? returnUrl : fallback;
}
