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
    /// The addresses, or null without an issuer outside Development: start-up then fails on the
    /// setting that is missing (<c>JobEngine:Authority:Issuer</c>), which names it.
    /// </summary>
    public static ConsoleAddresses? From(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(ConsoleOptions.SectionName).Get<ConsoleOptions>() ?? new ConsoleOptions();
        var configured = configuration[$"{AuthorityOptions.SectionName}:{nameof(AuthorityOptions.Issuer)}"];
        Uri? issuer = !string.IsNullOrWhiteSpace(configured)
            ? new Uri(configured, UriKind.Absolute)
            : environment.IsDevelopment() ? DevelopmentIssuer.From(configuration) : null;
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
