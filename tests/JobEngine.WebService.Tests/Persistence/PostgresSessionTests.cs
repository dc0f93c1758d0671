using JobEngine.Infrastructure.Persistence;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.WebService.Tests.Persistence;

/// <summary>
/// The service's PostgreSQL sessions: a statement it runs again and again is prepared on the
/// connection (parsed and planned once), and stays prepared when the connection goes back to the
/// pool and comes out again.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresSessionTests() : PostgresAppTests("PostgreSQL sessions")
{
    [Fact]
    public async Task AStatementRunAgainAndAgain_IsPreparedOnTheConnection_AndStaysPreparedThroughThePool()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobEngineDbContext>();
        await db.Database.OpenConnectionAsync();
        var backend = await BackendAsync(db);
        await CountJobsThriceAsync(db);

        Assert.Equal(1, await PreparedJobCountsAsync(db));

        // Back to the pool, and out again until the pool hands over the same session.
        var uses = 0;
        do
        {
            await db.Database.CloseConnectionAsync();
            await db.Database.OpenConnectionAsync();
            Assert.True(++uses < 200, "The pool never handed the session back.");
        }
        while (await BackendAsync(db) != backend);

        Assert.Equal(1, await PreparedJobCountsAsync(db));
    }

    [Fact]
    public async Task AConnectionStringThatTurnsPreparationOff_IsObeyed()
    {
        await using var app = new JobEngineApp([], Directory, new Dictionary<string, string?>
        {
            ["JobEngine:Storage:ConnectionString"] = TestStore.SettingsFor(Directory)["JobEngine:Storage:ConnectionString"] + ";Max Auto Prepare=0",
        });
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobEngineDbContext>();
        await db.Database.OpenConnectionAsync();
        await CountJobsThriceAsync(db);

        Assert.Equal(0, await PreparedJobCountsAsync(db));
    }

    /// <summary>The same statement three times on one session: more than automatic preparation waits for.</summary>
    private static async Task CountJobsThriceAsync(JobEngineDbContext db)
    {
        for (var i = 0; i < 3; i++)
        {
            await db.Jobs.CountAsync(job => job.TenantId == "sessions" && job.JobType == "prepared.once");
        }
    }

    private static Task<int> BackendAsync(JobEngineDbContext db) =>
        db.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync();

    private static Task<int> PreparedJobCountsAsync(JobEngineDbContext db) =>
        db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%count(*)%FROM jobs%' AND statement NOT LIKE '%pg_prepared_statements%'").SingleAsync();
}
