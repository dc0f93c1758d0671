using System.Text.Json;
using System.Text.Json.Serialization;
using JobEngine.WebService.Jobs;

namespace JobEngine.WebService.Workers;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record LeaseRequest(string? WorkerId, string[]? JobTypes, int? LeaseSeconds);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record HeartbeatRequest(Guid? LeaseId, int? LeaseSeconds);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CompleteRequest(Guid? LeaseId, JsonElement Result);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record FailRequest(Guid? LeaseId, string? Error);

/// <summary>A granted lease: the job, the fencing token to present on every later call, and its expiry.</summary>
internal sealed record LeaseResponse(JobResponse Job, Guid LeaseId, DateTimeOffset LeaseUntil);
