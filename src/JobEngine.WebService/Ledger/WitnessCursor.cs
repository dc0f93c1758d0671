using JobEngine.Infrastructure.Ledger.Witnesses;

namespace JobEngine.WebService.Ledger;

/// <summary>How far one witness has been given each tenant's checkpoints, and when to try it again after a failure.</summary>
internal sealed class WitnessCursor(IWitness witness)
{
    public IWitness Witness { get; } = witness;

    public Dictionary<string, long> Delivered { get; } = new(StringComparer.Ordinal);

    public int Failures { get; set; }

    public DateTimeOffset RetryAt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>
    /// The size delivered up to. First asked, a directory witness is taken up to the largest file it
    /// holds and given everything after; an HTTP witness, which cannot be asked, is given the newest.
    /// </summary>
    public long DeliveredOf(string tenant, long newestSize)
    {
        if (!Delivered.TryGetValue(tenant, out var delivered))
        {
            delivered = Witness is DirectoryWitness directory
                ? directory.SizesOf(tenant).FirstOrDefault()
                : newestSize - 1;
            Delivered[tenant] = delivered;
        }

        return delivered;
    }
}
