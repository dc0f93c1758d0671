using Microsoft.AspNetCore.Identity;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>A local user registered through <c>JobEngine:Users</c> for the tests.</summary>
public sealed record TestUser(string Name, string Password, string[] Tenants, string[] Roles)
{
    public static readonly TestUser AcmeOperator = new("ada", "ada-test-password", ["acme"], ["Orch.Operator"]);
    public static readonly TestUser AcmeAuditor = new("ken", "ken-test-password", ["acme"], ["Orch.Auditor"]);
    public static readonly TestUser TwoTenants = new("margaret", "margaret-test-password", ["acme", "globex"], ["Orch.Admin", "Orch.Auditor"]);

    public static IReadOnlyList<TestUser> All { get; } = [AcmeOperator, AcmeAuditor, TwoTenants];

    /// <summary>The settings that register <paramref name="users"/>, with their passwords hashed as <c>jobctl users hash-password</c> does.</summary>
    public static Dictionary<string, string?> Settings(IReadOnlyList<TestUser>? users = null)
    {
        var settings = new Dictionary<string, string?>();
        var hasher = new PasswordHasher<object>();
        var registered = users ?? All;
        for (var i = 0; i < registered.Count; i++)
        {
            var user = registered[i];
            settings[$"JobEngine:Users:{i}:Name"] = user.Name;
            settings[$"JobEngine:Users:{i}:PasswordHash"] = hasher.HashPassword(new object(), user.Password);
            for (var t = 0; t < user.Tenants.Length; t++)
            {
                settings[$"JobEngine:Users:{i}:Tenants:{t}"] = user.Tenants[t];
            }

            for (var r = 0; r < user.Roles.Length; r++)
            {
                settings[$"JobEngine:Users:{i}:Roles:{r}"] = user.Roles[r];
            }
        }

        return settings;
    }
}
