namespace JobEngine.WebService.Pages.Connect;

/// <summary>A page that takes a password is never framed (clickjacking) nor cached.</summary>
internal static class SignInPageHeaders
{
    public static void Apply(HttpResponse response)
    {
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self'";
        response.Headers.CacheControl = "no-store";
    }
}
