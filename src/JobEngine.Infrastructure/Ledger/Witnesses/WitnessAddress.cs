namespace JobEngine.Infrastructure.Ledger.Witnesses;

/// <summary>
/// A witness setting is either an <c>http(s)</c> URL the checkpoint note is posted to or a directory
/// that receives one file per checkpoint; anything with a scheme other than those two is refused
/// rather than taken for a directory name.
/// </summary>
public static class WitnessAddress
{
    public static bool IsUrl(string address) =>
        address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the setting names no witness, or null when it does.</summary>
    public static string? Check(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "must be a directory or an http(s) URL.";
        }

        if (IsUrl(address))
        {
            return Uri.TryCreate(address, UriKind.Absolute, out var url) && url.Host.Length > 0 && string.IsNullOrEmpty(url.UserInfo)
                ? null
                : "is not an absolute http(s) URL with a host and without credentials.";
        }

        if (address.Contains("://", StringComparison.Ordinal))
        {
            return "uses a scheme other than http or https; a witness is a directory or an http(s) URL.";
        }

        return address.IndexOfAny(Path.GetInvalidPathChars()) >= 0 ? "is not a valid directory path." : null;
    }
}
