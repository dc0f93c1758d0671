using JobEngine.Core.Audit;

namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>Where entries are pushed. Returns once the sink has them for good; throws <see cref="SinkFailedException"/> otherwise.</summary>
internal interface ISink
{
    /// <summary>Type and target, e.g. <c>webhook https://siem.example/hook</c>: the cursor's key and the name in logs and health.</summary>
    string Id { get; }

    IReadOnlyCollection<string> Tenants { get; }

    Task DeliverAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);
}

/// <summary>A sink did not take a batch; it is offered again later, from the same entry.</summary>
internal sealed class SinkFailedException(string message, Exception? inner = null) : Exception(message, inner);
