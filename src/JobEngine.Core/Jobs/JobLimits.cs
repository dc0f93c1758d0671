namespace JobEngine.Core.Jobs;

/// <summary>The bounds a job submission must respect.</summary>
public sealed record JobLimits(int MaxPayloadBytes)
{
    public const int MinPriority = -100;
    public const int MaxPriority = 100;
    public const int DefaultMaxAttempts = 3;
    public const int MaxMaxAttempts = 100;
    public const int MaxIdempotencyKeyLength = 200;
    public const int MinLeaseSeconds = 5;
    public const int MaxLeaseSeconds = 3600;
    public const int MaxWorkerIdLength = 200;
    public const int MaxErrorLength = 4000;

    public static JobLimits Default { get; } = new(MaxPayloadBytes: 256 * 1024);
}
