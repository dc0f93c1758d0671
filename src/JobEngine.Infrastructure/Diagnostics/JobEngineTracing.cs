using System.Diagnostics;

namespace JobEngine.Infrastructure.Diagnostics;

/// <summary>
/// JobEngine's own spans. A ledger batch runs on the writer, outside any request, and serves many
/// requests at once, so its span links to each request's span rather than being the child of one.
/// </summary>
public static class JobEngineTracing
{
    public static readonly ActivitySource Source = new(JobEngineMetrics.MeterName);

    public static Activity? StartLedgerBatch(string tenantId, IEnumerable<ActivityContext> requests)
    {
        var links = requests.Where(request => request != default).Select(request => new ActivityLink(request));
        var activity = Source.StartActivity("ledger.batch", ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag("jobengine.tenant", tenantId);
        return activity;
    }
}
