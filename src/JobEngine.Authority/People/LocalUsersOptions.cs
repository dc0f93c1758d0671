namespace JobEngine.Authority.People;

/// <summary>People who sign in with a password kept in configuration (<c>JobEngine:Users</c>).</summary>
public sealed class LocalUsersOptions
{
    public const string SectionName = "JobEngine:Users";

    public List<LocalUser> Users { get; set; } = [];
}

/// <summary>One local user: the password only as an ASP.NET Core Identity hash (<c>jobctl users hash-password</c>).</summary>
public sealed class LocalUser
{
    public string Name { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public List<string> Tenants { get; set; } = [];

    public List<string> Roles { get; set; } = [];
}
