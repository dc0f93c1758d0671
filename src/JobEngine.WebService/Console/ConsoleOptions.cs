namespace JobEngine.WebService.Console;

/// <summary>Settings of the SecOps console (<c>JobEngine:Console</c>), served at <c>/console</c> by a host that runs the JobEngine API.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "JobEngine:Console";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where people's browsers reach this host: the console's sign-in comes back to
    /// <c>&lt;PublicUrl&gt;console/callback</c>. Defaults to the Authority's issuer, which is this
    /// host when it also runs the Authority.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>The JobEngine API the console reads and acts through, as any client would. Defaults to <see cref="PublicUrl"/>.</summary>
    public Uri? ApiUrl { get; set; }

    /// <summary>The console's settings; a URL that is not an absolute http(s) URL stops start-up naming its setting.</summary>
    public static ConsoleOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<ConsoleOptions>() ?? new ConsoleOptions();
        foreach (var (name, url) in new[] { (nameof(PublicUrl), options.PublicUrl), (nameof(ApiUrl), options.ApiUrl) })
        {
            if (url is not null && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
            {
                throw new InvalidOperationException($"{SectionName}:{name} must be an absolute http(s) URL; got '{url}'.");
            }
        }

        return options;
    }
}
