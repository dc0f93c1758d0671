namespace JobEngine.WebService.Pages.Connect;

/// <summary>A page that takes a password is never framed (clickjacking) nor cached.</summary>
internal static class SignInPageHeaders
{
    /// <summary>
    /// <paramref name="formTargets"/>: where the page's forms redirect the browser (the console's callback,
    /// which OpenIddict matched exactly against its registration; upstream providers); browsers hold a
    /// redirect after a form post to <c>form-action</c> too, so those origins are allowed beside this one.
    /// </summary>
    public static void Apply(HttpResponse response, IEnumerable<Uri?> formTargets)
    {
        var origins = formTargets
            .OfType<Uri>()
            .Where(target => target.IsAbsoluteUri)
            .Select(target => target.GetLeftPart(UriPartial.Authority))
            .Distinct(StringComparer.Ordinal);
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = $"default-src 'self'; frame-ancestors 'none'; form-action {string.Join(' ', ["'self'", .. origins])}";
        response.Headers.CacheControl = "no-store";
    }

    public static void Apply(HttpResponse response) => Apply(response, []);
}
