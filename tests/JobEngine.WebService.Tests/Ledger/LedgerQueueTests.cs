using JobEngine.Application.Audit;
using JobEngine.Core.Results;

namespace JobEngine.WebService.Tests.Ledger;

/// <summary>
/// The writers' queue on its own: a tenant whose turn a writer took gets no other writer until
/// that turn is done (its commands stay in order), every other tenant's turn goes to a free
/// writer, and a free writer is woken for each waiting turn.
/// </summary>
public sealed class LedgerQueueTests
{
    [Fact]
    public void ATenantUnderWay_GetsNoSecondTurnUntilDone_WhileTheOthersGetTheirs()
    {
        var queue = new LedgerQueue(limitPerTenant: 10);
        var (a1, a2, b1) = (Command("a"), Command("a"), Command("b"));
        Assert.Equal(LedgerQueue.Admission.Queued, queue.TryEnqueue(a1));
        Assert.Equal(LedgerQueue.Admission.Queued, queue.TryEnqueue(b1));

        Assert.Equal("a", queue.NextTenant());
        Assert.Equal([a1], queue.Take("a", 256));
        queue.TryEnqueue(a2);
        Assert.Equal("b", queue.NextTenant());
        Assert.Equal([b1], queue.Take("b", 256));
        Assert.Null(queue.NextTenant());

        queue.Done("b");
        Assert.Null(queue.NextTenant());
        queue.Done("a");
        Assert.Equal("a", queue.NextTenant());
        Assert.Equal([a2], queue.Take("a", 256));
        queue.Done("a");
        Assert.Null(queue.NextTenant());
        Assert.Equal(0, queue.Depth());
    }

    [Fact]
    public void ATenantWithMoreThanABatch_GoesBehindTheOthers_OnceItsTurnIsDone()
    {
        var queue = new LedgerQueue(limitPerTenant: 10);
        queue.TryEnqueue(Command("a"));
        queue.TryEnqueue(Command("a"));
        queue.TryEnqueue(Command("b"));

        Assert.Equal("a", queue.NextTenant());
        Assert.Single(queue.Take("a", 1));
        queue.Done("a");

        Assert.Equal("b", queue.NextTenant());
        Assert.Equal("a", queue.NextTenant());
        Assert.Equal(1, queue.Waiting("a"));
    }

    [Fact]
    public async Task EveryWaitingTurn_WakesAFreeWriter()
    {
        var queue = new LedgerQueue(limitPerTenant: 10);
        var writers = Enumerable.Range(0, 3).Select(_ => WriterAsync(queue)).ToArray();

        foreach (var tenant in new[] { "a", "b", "c" })
        {
            queue.TryEnqueue(Command(tenant));
        }

        var served = await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["a", "b", "c"], served.Order());
    }

    [Fact]
    public async Task ATurnDoneWithCommandsLeft_WakesAWaitingWriter()
    {
        var queue = TenantUnderWayWithOneMoreWaiting("a");
        var waiting = WriterAsync(queue);
        Assert.False(waiting.IsCompleted);

        queue.Done("a");

        Assert.Equal("a", await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Closing_LetsEveryIdleWriterStop_AndTheOneUnderWayServeWhatItsTenantStillHas()
    {
        var queue = TenantUnderWayWithOneMoreWaiting("a");
        var idle = Enumerable.Range(0, 3).Select(_ => queue.WaitAsync()).ToArray();
        Assert.DoesNotContain(idle, waiting => waiting.IsCompleted);

        queue.Close();

        Assert.Equal(LedgerQueue.Admission.Closed, queue.TryEnqueue(Command("b")));
        Assert.All(await Task.WhenAll(idle).WaitAsync(TimeSpan.FromSeconds(10)), Assert.False);
        queue.Done("a");
        Assert.True(await queue.WaitAsync());
        Assert.Equal("a", queue.NextTenant());
        Assert.Single(queue.Take("a", 256));
        queue.Done("a");
        Assert.False(await queue.WaitAsync());
    }

    /// <summary>A queue whose tenant's turn a writer took, and which got one more command meanwhile.</summary>
    private static LedgerQueue TenantUnderWayWithOneMoreWaiting(string tenant)
    {
        var queue = new LedgerQueue(limitPerTenant: 10);
        queue.TryEnqueue(Command(tenant));
        Assert.Equal(tenant, queue.NextTenant());
        Assert.Single(queue.Take(tenant, 256));
        queue.TryEnqueue(Command(tenant));
        return queue;
    }

    /// <summary>A writer's loop, once: waits for a turn and takes it.</summary>
    private static async Task<string> WriterAsync(LedgerQueue queue)
    {
        while (await queue.WaitAsync())
        {
            if (queue.NextTenant() is { } tenant)
            {
                return tenant;
            }
        }

        throw new InvalidOperationException("The queue closed.");
    }

    private static LedgerCommand<bool> Command(string tenant) =>
        new(tenant, null, (_, _) => Task.FromResult<Outcome<bool>>(true), CancellationToken.None);
}
