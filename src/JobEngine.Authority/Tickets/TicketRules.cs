using System.Collections.Frozen;
using JobEngine.Core.Tickets;
using Microsoft.Extensions.Options;

namespace JobEngine.Authority.Tickets;

/// <summary>
/// What the configuration asks of an operator token's justification: the ticket systems of each
/// tenant, in the configured order, and whether a reason code is required (<see cref="TicketOptions"/>).
/// </summary>
internal sealed class TicketRules
{
    private readonly IReadOnlyList<TicketSystem> _everyTenant;
    private readonly FrozenDictionary<string, IReadOnlyList<TicketSystem>> _byTenant;

    public TicketRules(IOptions<TicketOptions> options)
    {
        var configured = options.Value.Systems
            .Select(system => (system.Tenants, System: new TicketSystem(
                system.Name, system.Pattern, system.LinkTemplate, system.ValidationUrl is { } url ? new Uri(url) : null)))
            .ToList();
        _everyTenant = [.. configured.Where(entry => entry.Tenants.Count == 0).Select(entry => entry.System)];
        _byTenant = configured
            .SelectMany(entry => entry.Tenants)
            .Distinct(StringComparer.Ordinal)
            .ToFrozenDictionary(
                tenant => tenant,
                tenant => (IReadOnlyList<TicketSystem>)[.. configured
                    .Where(entry => entry.Tenants.Count == 0 || entry.Tenants.Contains(tenant, StringComparer.Ordinal))
                    .Select(entry => entry.System)],
                StringComparer.Ordinal);
        RequireReasonCode = options.Value.RequireReasonCode;
    }

    public bool RequireReasonCode { get; }

    public IReadOnlyList<TicketSystem> SystemsOf(string tenant) =>
        _byTenant.TryGetValue(tenant, out var systems) ? systems : _everyTenant;
}
