using System.Collections.Immutable;

namespace JobEngine.Authority.People;

/// <summary>
/// Someone who signed in: their subject (<c>name</c> for a local user, <c>upstream:sub</c> for an
/// upstream one), the roles they hold and the tenants they may act for, exactly like a client's.
/// </summary>
public sealed record Person(string Subject, ImmutableArray<string> Roles, ImmutableArray<string> Tenants)
{
    /// <summary>Whether an upstream provider vouches for this person (their subject names it before a ':').</summary>
    public bool IsUpstream => Subject.Contains(':', StringComparison.Ordinal);
}
