using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobEngine.Client;

/// <summary>A job as the API serves it.</summary>
public sealed record Job(
    Guid JobId,
    string TenantId,
    string JobType,
    string Status,
    JsonElement Payload,
    string PayloadSha256,
    int Priority,
    int MaxAttempts,
    int Attempts,
    string? IdempotencyKey,
    DateTimeOffset? NotBefore,
    string SubmittedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? WorkerId,
    DateTimeOffset? LeaseUntil,
    string? LastError,
    JsonElement? Result,
    DateTimeOffset? FinishedAt,
    string? CanceledBy,
    string? CancelReason,
    string? CancelTicket,
    DateTimeOffset? CanceledAt,
    string? RetriedBy,
    string? RetryReason,
    string? RetryTicket,
    DateTimeOffset? RetriedAt);

/// <summary>One page of a list and the cursor of the next page, if any.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record JobSubmission(
    string JobType,
    JsonElement Payload,
    int? Priority = null,
    int? MaxAttempts = null,
    string? IdempotencyKey = null,
    DateTimeOffset? NotBefore = null);

public sealed record Lease(Job Job, Guid LeaseId, DateTimeOffset LeaseUntil);

public sealed record Quota(
    string TenantId,
    string JobType,
    int MaxActive,
    int MaxPerHour,
    bool Paused,
    string UpdatedBy,
    string UpdateReason,
    string UpdateTicket,
    DateTimeOffset UpdatedAt);

public sealed record JobTypeState(
    string TenantId,
    string JobType,
    bool Paused,
    string UpdatedBy,
    string UpdateReason,
    string UpdateTicket,
    DateTimeOffset UpdatedAt);

public sealed record AuditVerification(
    bool Valid,
    long EntriesChecked,
    long HeadSequence,
    string? HeadHash,
    long? FirstInvalidSequence);

/// <summary>Filters of <c>GET /audit</c>; null means any.</summary>
public sealed record AuditFilter(
    string? EventType = null,
    string? ResourceType = null,
    string? ResourceId = null,
    string? ActorId = null,
    string? OperatorTicket = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null);

/// <summary>A token request with the operator parameters the Authority demands for orch:operate and orch:quota.</summary>
public sealed record TokenRequest(
    string ClientId,
    string ClientSecret,
    string Scope,
    string? Tenant = null,
    string? OperatorReason = null,
    string? OperatorTicket = null);

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope);

internal sealed record OperatorActionBody(string? Comment);

internal sealed record SetQuotaBody(int MaxActive, int MaxPerHour, string? Comment);

internal sealed record LeaseBody(string WorkerId, string[] JobTypes, int? LeaseSeconds);

internal sealed record LeaseIdBody(Guid LeaseId);
