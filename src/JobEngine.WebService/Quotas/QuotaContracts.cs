using System.Text.Json.Serialization;
using JobEngine.Core.Quotas;
using JobEngine.WebService.Operators;

namespace JobEngine.WebService.Quotas;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record SetQuotaRequest(int? MaxActive, int? MaxPerHour, string? Comment) : IOperatorActionBody<SetQuotaRequest>
{
    /// <summary>Setting a quota needs its limits: there is no empty form.</summary>
    public static SetQuotaRequest? Empty => null;
}

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
        quota.Updated.By, quota.Updated.Reason, quota.Updated.Ticket, quota.Updated.At);
}

internal sealed record QuotaListResponse(IReadOnlyList<QuotaResponse> Items, string? NextCursor);
