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
    /// <summary>The control after an operator action, which always leaves its stamp.</summary>
    public static JobTypeResponse From(JobTypeControl control) =>
        control.Updated is { } updated
            ? new(control.TenantId, control.JobType, control.Paused, updated.By, updated.Reason, updated.Ticket, updated.At)
            : throw new InvalidOperationException($"Job type '{control.JobType}' was never controlled by an operator.");
}
