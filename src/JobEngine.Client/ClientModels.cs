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

/// <summary>The server's own check of the chain and of every checkpoint it signed against the tree rebuilt from the entries.</summary>
public sealed record AuditVerification(
    bool Valid,
    long EntriesChecked,
    long HeadSequence,
    string? HeadHash,
    long? FirstInvalidSequence,
    int? CheckpointsChecked = null,
    long? TruncatedAt = null,
    long? FirstInvalidCheckpoint = null);

/// <summary>A signed checkpoint of the tenant's tree: its size and root (base64, as in the note) and the C2SP signed note.</summary>
public sealed record AuditCheckpoint(string TenantId, long TreeSize, string RootHash, DateTimeOffset SignedAt, string Note);

/// <summary>Checkpoints oldest first; <c>NextFromSize</c> asks for the next page (null at the end).</summary>
public sealed record CheckpointPage(IReadOnlyList<AuditCheckpoint> Items, long? NextFromSize);

/// <summary>An RFC 9162 inclusion proof of one entry (leaf <c>sequence - 1</c>); hashes base64.</summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, string RootHash, IReadOnlyList<string> AuditPath);

/// <summary>An RFC 9162 consistency proof that the tree of <c>First</c> leaves is a prefix of the tree of <c>Second</c>; hashes base64.</summary>
public sealed record ConsistencyProof(long First, long Second, IReadOnlyList<string> Proof);

/// <summary>Filters of <c>GET /audit</c>; null means any.</summary>
public sealed record AuditFilter(
    string? EventType = null,
    string? ResourceType = null,
    string? ResourceId = null,
    string? ActorId = null,
    string? OperatorTicket = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? OperatorTicketSystem = null,
    string? OperatorReasonCode = null);

/// <summary>A token request with the operator parameters the Authority demands for orch:operate, orch:quota and orch:approve.</summary>
public sealed record TokenRequest(
    string ClientId,
    string ClientSecret,
    string Scope,
    string? Tenant = null,
    string? OperatorReason = null,
    string? OperatorTicket = null,
    string? OperatorReasonCode = null);

/// <summary>A person's device authorization request (RFC 8628) through the public client <c>jobctl</c>, with the same parameters.</summary>
public sealed record DeviceAuthorizationRequest(
    string Scope,
    string? Tenant = null,
    string? OperatorReason = null,
    string? OperatorTicket = null,
    string? OperatorReasonCode = null);

/// <summary>The codes of a device authorization and where the person enters the user code.</summary>
public sealed record DeviceAuthorization(
    [property: JsonPropertyName("device_code")] string DeviceCode,
    [property: JsonPropertyName("user_code")] string UserCode,
    [property: JsonPropertyName("verification_uri")] string VerificationUri,
    [property: JsonPropertyName("verification_uri_complete")] string? VerificationUriComplete,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("interval")] int? Interval);

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope);

internal sealed record OperatorActionBody(string? Comment);

internal sealed record SetQuotaBody(int MaxActive, int MaxPerHour, string? Comment);

internal sealed record LeaseBody(string WorkerId, string[] JobTypes, int? LeaseSeconds);

internal sealed record LeaseIdBody(Guid LeaseId);
