namespace JobEngine.Authority.Clients;

/// <summary>What a registered redirect URI must be: absolute http(s), without a fragment (RFC 6749 §3.1.2), compared exactly.</summary>
internal static class RedirectUris
{
    public const string Rule = "must be an absolute http(s) URL without a fragment";

    public static bool IsValid(Uri uri) => uri.IsAbsoluteUri && uri.Scheme is ("http" or "https") && uri.Fragment.Length == 0;
}
