namespace JobEngine.Infrastructure.Keys;

/// <summary>What one rotation does to the stored keys of one use: at most one new key, and the key ids it removes.</summary>
public sealed record AuthorityKeyChanges(AuthorityKey? Added, IReadOnlySet<string> Removed)
{
    public static readonly AuthorityKeyChanges None = new(null, new HashSet<string>());
}
