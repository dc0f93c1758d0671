using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Persistence;

/// <summary>
/// A test class about PostgreSQL itself, on a database of its own: it refuses to run on another
/// store rather than pass without testing anything (each such class carries the Postgres category, which the SQLite run leaves out).
/// </summary>
public abstract class PostgresAppTests(string subject, params TestClient[] clients) : IAsyncLifetime
{
    protected string Directory { get; } = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));

    protected JobEngineApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        if (!TestStore.IsPostgres)
        {
            throw new InvalidOperationException($"These tests are about {subject}: set {TestStore.StoreVariable}=Postgres (./test.sh does).");
        }

        App = new JobEngineApp(clients, Directory);
        _ = App.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        TestStore.Delete(Directory);
    }
}
