namespace JobEngine.Core.Operators;

/// <summary>
/// Who changed a resource by an operator action, why, under which ticket and when: the one shape
/// of attribution that jobs, quotas and job types keep (and serve as <c>canceledBy</c>,
/// <c>updateReason</c> and the like).
/// </summary>
public sealed record OperatorStamp(string By, string Reason, string Ticket, DateTimeOffset At);
