using System.ComponentModel.DataAnnotations;
using JobEngine.Core.Jobs;

namespace JobEngine.Application.Jobs;

/// <summary>Job settings (<c>JobEngine:Jobs</c>).</summary>
public sealed class JobOptions
{
    public const string SectionName = "JobEngine:Jobs";

    /// <summary>Largest accepted payload, in bytes of compact UTF-8 JSON.</summary>
    [Range(1, 16 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = JobLimits.Default.MaxPayloadBytes;

    /// <summary>Jobs a bulk cancel cancels per transaction: large enough to be quick, small enough not to hold the tenant's ledger for long.</summary>
    [Range(1, 5000)]
    public int BulkCancelChunkSize { get; set; } = 500;

    public JobLimits Limits => new(MaxPayloadBytes);
}
