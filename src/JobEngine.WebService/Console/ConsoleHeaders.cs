namespace JobEngine.WebService.Console;

/// <summary>
/// The console's pages are never framed, cached or given a script to run: no script is served, so
/// none may run, and forms post only to this host and the Authority it signs in at.
/// </summary>
internal static class ConsoleHeaders
{
    public static void Apply(HttpContext http)
    {
        var addresses = http.RequestServices.GetRequiredService<ConsoleAddresses>();
        var authority = addresses.Issuer.GetLeftPart(UriPartial.Authority);
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self' {authority}";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "same-origin";
        headers.XContentTypeOptions = "nosniff";
    }
}
