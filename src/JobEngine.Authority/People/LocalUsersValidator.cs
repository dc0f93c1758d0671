using JobEngine.Core.Security;
using JobEngine.Core.Tenants;
using Microsoft.Extensions.Options;

namespace JobEngine.Authority.People;

/// <summary>Refuses to start with a local user who could never sign in as configured.</summary>
internal sealed class LocalUsersValidator : IValidateOptions<LocalUsersOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalUsersOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            var key = $"{LocalUsersOptions.SectionName}:{i}";

            if (!PersonName.IsValid(user.Name))
            {
                failures.Add($"{key}:Name {PersonName.Rule}.");
            }
            else if (!seen.Add(user.Name))
            {
                failures.Add($"{key}:Name '{user.Name}' is configured twice.");
            }

            if (!PasswordHashes.IsIdentityV3(user.PasswordHash))
            {
                failures.Add($"{key}:PasswordHash must be an ASP.NET Core Identity (version 3) hash; make one with: jobctl users hash-password.");
            }

            if (user.Roles.Count == 0)
            {
                failures.Add($"{key}:Roles must name at least one role.");
            }

            failures.AddRange(user.Roles
                .Where(role => !OrchestratorRoles.IsKnown(role))
                .Select(role => $"{key}:Roles: '{role}' is not a role; use one of {string.Join(", ", OrchestratorRoles.All)}."));

            if (user.Tenants.Count == 0)
            {
                failures.Add($"{key}:Tenants must name at least one tenant.");
            }

            foreach (var tenant in user.Tenants)
            {
                if (!TenantId.TryCreate(tenant, out _, out var error))
                {
                    failures.Add($"{key}:Tenants: '{tenant}' {error}.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
