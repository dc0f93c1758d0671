namespace JobEngine.Authority.People;

/// <summary>The one password hash format local users may have: ASP.NET Core Identity's version 3 (PBKDF2, marker byte 0x01).</summary>
internal static class PasswordHashes
{
    private const byte Version3Marker = 0x01;

    // Marker, PRF, iteration count and salt length (4 bytes each), at least a 128-bit salt and a 256-bit subkey.
    private const int MinimumLength = 1 + 12 + 16 + 32;

    public static bool IsIdentityV3(string? hash)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return false;
        }

        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length) && length >= MinimumLength && bytes[0] == Version3Marker;
    }
}
