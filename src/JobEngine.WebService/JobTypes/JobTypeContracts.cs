using JobEngine.Core.JobTypes;

namespace JobEngine.WebService.JobTypes;

internal sealed record JobTypeResponse(
    string TenantId,
    string JobType,
    bool Paused,
    string UpdatedBy,
    string UpdateReason,
    string UpdateTicket,
    DateTimeOffset UpdatedAt)
{
    public static JobTypeResponse From(JobTypeControl control) => new(
        control.TenantId, control.JobType, control.Paused, control.UpdatedBy, control.UpdateReason,
        control.UpdateTicket, control.UpdatedAt);
}
