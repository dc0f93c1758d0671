using JobEngine.Core.JobTypes;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Persistence;

namespace JobEngine.Infrastructure.JobTypes;

/// <summary>The operator actions on job types: pause and resume.</summary>
public sealed class JobTypeService(JobTypeControlRepository controls, WriteTransaction transaction, TimeProvider time)
{
    public Task<Outcome<JobTypeControl>> PauseAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        transaction.RunAsync(async ct =>
            (await controls.GetOrAddForUpdateAsync(by.TenantId, jobType, ct)).Pause(by, time.GetUtcNow()), cancellationToken);

    public Task<Outcome<JobTypeControl>> ResumeAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        transaction.RunAsync(async ct =>
            (await controls.GetOrAddForUpdateAsync(by.TenantId, jobType, ct)).Resume(by, time.GetUtcNow()), cancellationToken);
}
