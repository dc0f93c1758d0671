namespace JobEngine.WebService.Pages.Connect;

/// <summary>A page that takes a password is never framed (clickjacking) nor cached.</summary>
internal static class SignInPageHeaders
{
    /// <summary>
    /// <paramref name="returnsTo"/>: where the form's answer redirects (the console's callback, which
    /// OpenIddict matched exactly against its registration); browsers hold a redirect after a form post
    /// to <c>form-action</c> too, so that origin is allowed beside this one.
    /// </summary>
    public static void Apply(HttpResponse response, Uri? returnsTo = null)
    {
        var formAction = returnsTo is { IsAbsoluteUri: true } target ? $"'self' {target.GetLeftPart(UriPartial.Authority)}" : "'self'";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = $"default-src 'self'; frame-ancestors 'none'; form-action {formAction}";
        response.Headers.CacheControl = "no-store";
    }
}
