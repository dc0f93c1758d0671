namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Queues this process's write transactions on SQLite. SQLite has one writer at a time; without a
/// queue, waiting writers poll the file lock with sleeps that grow to 100 ms (the busy handler),
/// which wastes most of the time under load. PostgreSQL locks rows, so it needs no gate.
/// </summary>
public sealed class WriteGate(bool serialize)
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (!serialize)
        {
            return null;
        }

        await _writer.WaitAsync(cancellationToken);
        return new Release(_writer);
    }

    private sealed class Release(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }
}
