using System.Text.Json;

namespace JobEngine.Core.Jobs;

/// <summary>What a producer asks for; validated by <see cref="Job.Submit"/>.</summary>
public sealed record JobSubmission(
    string? JobType,
    JsonElement? Payload,
    int? Priority,
    int? MaxAttempts,
    string? IdempotencyKey,
    DateTimeOffset? NotBefore);
