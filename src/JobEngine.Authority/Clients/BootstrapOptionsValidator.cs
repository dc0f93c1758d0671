using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using JobEngine.Core.Tenants;
using Microsoft.Extensions.Options;

namespace JobEngine.Authority.Clients;

/// <summary>Refuses to start with a client registration that could never work as written.</summary>
internal sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
{
    public const int MinimumSecretLength = 16;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        WireNames.Audience, WireNames.PublicClients.Jobctl, WireNames.PublicClients.Console,
    };

    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var key = $"JobEngine:Bootstrap:Clients:{i}";
            CheckCredentials(key, client.ClientId, client.ClientSecret, seen, failures);

            if (client.Roles.Count == 0)
            {
                failures.Add($"{key}:Roles must name at least one role.");
            }

            failures.AddRange(client.Roles
                .Where(role => !OrchestratorRoles.IsKnown(role))
                .Select(role => $"{key}:Roles: '{role}' is not a role; use one of {string.Join(", ", OrchestratorRoles.All)}."));

            if (client.Tenants.Count == 0)
            {
                failures.Add($"{key}:Tenants must name at least one tenant.");
            }

            foreach (var tenant in client.Tenants)
            {
                if (!TenantId.TryCreate(tenant, out _, out var error))
                {
                    failures.Add($"{key}:Tenants: '{tenant}' {error}.");
                }
            }
        }

        for (var i = 0; i < options.RelyingParties.Count; i++)
        {
            var party = options.RelyingParties[i];
            var key = $"JobEngine:Bootstrap:RelyingParties:{i}";
            CheckCredentials(key, party.ClientId, party.ClientSecret, seen, failures);

            if (party.RedirectUris.Count == 0)
            {
                failures.Add($"{key}:RedirectUris must name where the relying party receives authorization codes.");
            }

            failures.AddRange(party.RedirectUris
                .Where(uri => !RedirectUris.IsValid(uri))
                .Select(uri => $"{key}:RedirectUris: '{uri}' {RedirectUris.Rule}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A client id that is given and not taken by another client or relying party, and a secret long enough.</summary>
    private static void CheckCredentials(string key, string clientId, string clientSecret, HashSet<string> seen, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            failures.Add($"{key}:ClientId is required.");
        }
        else if (Reserved.Contains(clientId))
        {
            failures.Add($"{key}:ClientId '{clientId}' is reserved (the API's audience and the built-in public clients).");
        }
        else if (!seen.Add(clientId))
        {
            failures.Add($"{key}:ClientId '{clientId}' is configured twice.");
        }

        if (clientSecret.Length < MinimumSecretLength)
        {
            failures.Add($"{key}:ClientSecret must be at least {MinimumSecretLength} characters.");
        }
    }
}
