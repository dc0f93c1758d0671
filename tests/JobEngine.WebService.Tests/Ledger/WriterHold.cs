using System.Data.Common;
using System.Globalization;
using JobEngine.Application.Audit;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Persistence;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.WebService.Tests.Ledger;

/// <summary>
/// Holds what the ledger writer must take before it starts a batch of the given tenants (SQLite's
/// write gate, or the tenants' chain head rows on PostgreSQL, from a connection of its own), so
/// that requests pile up in its queue and the next batch takes them all at once.
/// </summary>
internal sealed class WriterHold : IAsyncDisposable
{
    private readonly IDisposable? _turn;
    private readonly DbConnection? _connection;

    private WriterHold(IDisposable? turn, DbConnection? connection)
    {
        _turn = turn;
        _connection = connection;
    }

    public static async Task<WriterHold> TakeAsync(JobEngineApp app, params string[] tenants)
    {
        if (!TestStore.IsPostgres)
        {
            return new WriterHold(await app.Services.GetRequiredService<WriteGate>().EnterAsync(CancellationToken.None), null);
        }

        var connection = TestStore.Open(app.DataDirectory);
        var held = string.Join(", ", tenants.Select(tenant => $"'{tenant}'"));
        connection.Execute("BEGIN");
        using var lockHeads = connection.CreateCommand();
        lockHeads.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM audit_chain_heads WHERE tenant_id IN ({held}) FOR UPDATE) AS heads";
        Assert.Equal(tenants.Length, Convert.ToInt32(await lockHeads.ExecuteScalarAsync(), CultureInfo.InvariantCulture));

        // A head the writer remembers is locked only at its commit: forgotten (now that no batch can commit it again), it is locked, and waited for, first.
        var heads = app.Services.GetRequiredService<ChainHeadMemory>();
        foreach (var tenant in tenants)
        {
            heads.Forget(tenant);
        }

        return new WriterHold(null, connection);
    }

    /// <summary>Waits until <paramref name="count"/> commands of <paramref name="tenant"/> wait in the writer's queue.</summary>
    public static async Task UntilQueuedAsync(JobEngineApp app, string tenant, int count)
    {
        var writer = app.Services.GetRequiredService<LedgerWriter>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (writer.Waiting(tenant) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {writer.Waiting(tenant)} of {count} commands were queued for {tenant}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _turn?.Dispose();
        if (_connection is not null)
        {
            _connection.Execute("ROLLBACK");
            await _connection.DisposeAsync();
        }
    }
}
