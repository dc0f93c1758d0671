using Microsoft.Extensions.Configuration;

namespace JobEngine.Authority;

/// <summary>
/// The issuer a Development host uses when none is configured: its own configured listen address
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, or Kestrel's default),
/// never the Host header of a request, which any caller chooses.
/// </summary>
public static class DevelopmentIssuer
{
    private const string KestrelDefault = "http://localhost:5000";

    public static Uri From(IConfiguration configuration)
    {
        var address = First(configuration["urls"])
                      ?? (First(configuration["http_ports"]) is { } port ? $"http://localhost:{port}" : KestrelDefault);
        var url = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal));
        if (url.Host is "0.0.0.0" or "[::]" or "::")
        {
            url.Host = "localhost";
        }

        url.Path = "/";
        return url.Uri;
    }

    private static string? First(string? list) =>
        list?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
