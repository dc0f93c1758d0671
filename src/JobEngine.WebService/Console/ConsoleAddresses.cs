using JobEngine.Authority;

namespace JobEngine.WebService.Console;

/// <summary>
/// The addresses the console works with, fixed at start-up from configuration and never from a
/// request's Host header: the Authority people sign in at, this host as browsers reach it, and the API.
/// </summary>
internal sealed record ConsoleAddresses(Uri Issuer, Uri PublicUrl, Uri ApiUrl)
{
    public const string CallbackPath = "/console/callback";

    public Uri Callback { get; } = new(PublicUrl, CallbackPath.TrimStart('/'));

    /// <summary>
    /// The addresses, or null without a usable issuer (none outside Development, or not an absolute URL):
    /// start-up then fails on that setting (<c>JobEngine:Authority:Issuer</c>), whose check names it.
    /// </summary>
    public static ConsoleAddresses? From(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ConsoleOptions.From(configuration);
        var configured = configuration[$"{AuthorityOptions.SectionName}:{nameof(AuthorityOptions.Issuer)}"];
        Uri? issuer = string.IsNullOrWhiteSpace(configured)
            ? environment.IsDevelopment() ? DevelopmentIssuer.From(configuration) : null
            : Uri.TryCreate(configured, UriKind.Absolute, out var absolute) ? absolute : null;
        if (issuer is null)
        {
            return null;
        }

        var publicUrl = Directory(options.PublicUrl ?? issuer);
        return new ConsoleAddresses(Directory(issuer), publicUrl, Directory(options.ApiUrl ?? publicUrl));
    }

    /// <summary>The URL with a path ending in '/', so that relative addresses resolve beneath it.</summary>
    private static Uri Directory(Uri url) =>
        url.AbsolutePath.EndsWith('/') ? url : new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;
}
