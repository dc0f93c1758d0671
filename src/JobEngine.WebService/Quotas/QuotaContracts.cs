using System.Text.Json.Serialization;
using JobEngine.Core.Quotas;

namespace JobEngine.WebService.Quotas;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record SetQuotaRequest(int? MaxActive, int? MaxPerHour, string? Comment);

internal sealed record QuotaResponse(
    string TenantId,
    string JobType,
    int MaxActive,
    int MaxPerHour,
    bool Paused,
    string UpdatedBy,
    string UpdateReason,
    string UpdateTicket,
    DateTimeOffset UpdatedAt)
{
    public static QuotaResponse From(Quota quota) => new(
        quota.TenantId, quota.JobType, quota.MaxActive, quota.MaxPerHour, quota.Paused,
        quota.UpdatedBy, quota.UpdateReason, quota.UpdateTicket, quota.UpdatedAt);
}

internal sealed record QuotaListResponse(IReadOnlyList<QuotaResponse> Items, string? NextCursor);
