using System.Text.Json;
using JobEngine.Core.Jobs;
using JobEngine.Infrastructure.Persistence;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.WebService.Tests.BulkActions;

/// <summary>Puts many jobs into a host's store at once, through the domain's own submission, without a request each.</summary>
public static class JobSeeding
{
    public static async Task<List<Guid>> SeedJobsAsync(this JobEngineApp app, string tenantId, string jobType, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobEngineDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTimeOffset.UtcNow;
        using var payload = JsonDocument.Parse("{}");
        var jobs = Enumerable.Range(0, count).Select(_ =>
            Job.Submit(tenantId, "seeder", new JobSubmission(jobType, payload.RootElement, null, null, null, null), JobLimits.Default, now)
                .TryGet(out var job, out var invalid) ? job : throw new InvalidOperationException(invalid.Detail)).ToList();
        db.Jobs.AddRange(jobs);
        await db.SaveChangesAsync();
        return [.. jobs.Select(job => job.Id)];
    }
}
