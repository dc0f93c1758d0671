using System.Threading.Channels;

namespace JobEngine.Application.Audit;

/// <summary>
/// The commands waiting for one writer: a bounded queue per tenant, served in turn (a tenant with
/// a long queue gets one batch's worth, then the next waiting tenant gets its turn, in the same
/// batch where the writer's batches span tenants), so one tenant's burst neither starves the
/// others nor takes their room.
/// </summary>
internal sealed class LedgerQueue(int limitPerTenant)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<LedgerCommand>> _tenants = new(StringComparer.Ordinal);
    private readonly Queue<string> _turns = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool _closed;

    public enum Admission
    {
        Queued,
        Full,
        Closed,
    }

    public Admission TryEnqueue(LedgerCommand command)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return Admission.Closed;
            }

            if (!_tenants.TryGetValue(command.TenantId, out var waiting))
            {
                waiting = new Queue<LedgerCommand>();
                _tenants[command.TenantId] = waiting;
            }

            if (waiting.Count >= limitPerTenant)
            {
                return Admission.Full;
            }

            waiting.Enqueue(command);
            if (waiting.Count == 1)
            {
                _turns.Enqueue(command.TenantId);
            }
        }

        _signal.Writer.TryWrite(true);
        return Admission.Queued;
    }

    /// <summary>Waits until some tenant has commands waiting; false once the queue is closed and empty.</summary>
    public async Task<bool> WaitAsync()
    {
        while (true)
        {
            lock (_lock)
            {
                if (_turns.Count > 0)
                {
                    return true;
                }

                if (_closed)
                {
                    return false;
                }
            }

            await _signal.Reader.ReadAsync();
        }
    }

    /// <summary>The tenant whose turn it is; its commands stay queued until <see cref="Take"/>.</summary>
    public string? NextTenant()
    {
        lock (_lock)
        {
            return _turns.TryDequeue(out var tenant) ? tenant : null;
        }
    }

    /// <summary>Up to <paramref name="max"/> of the tenant's commands, oldest first; a tenant with more left waits for its next turn.</summary>
    public List<LedgerCommand> Take(string tenantId, int max)
    {
        lock (_lock)
        {
            var taken = new List<LedgerCommand>();
            if (!_tenants.TryGetValue(tenantId, out var waiting))
            {
                return taken;
            }

            while (taken.Count < max && waiting.TryDequeue(out var command))
            {
                taken.Add(command);
            }

            if (waiting.Count > 0)
            {
                _turns.Enqueue(tenantId);
            }
            else
            {
                _tenants.Remove(tenantId);
            }

            return taken;
        }
    }

    /// <summary>Commands waiting, every tenant together.</summary>
    public int Depth()
    {
        lock (_lock)
        {
            return _tenants.Values.Sum(waiting => waiting.Count);
        }
    }

    /// <summary>The number of commands waiting for <paramref name="tenantId"/>.</summary>
    public int Waiting(string tenantId)
    {
        lock (_lock)
        {
            return _tenants.TryGetValue(tenantId, out var waiting) ? waiting.Count : 0;
        }
    }

    /// <summary>Takes no more commands; what is queued is still served.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>Every command still waiting, removed from the queue (to be refused when the writer cannot serve them any more).</summary>
    public List<LedgerCommand> TakeAll()
    {
        lock (_lock)
        {
            var all = _tenants.Values.SelectMany(waiting => waiting).ToList();
            _tenants.Clear();
            _turns.Clear();
            return all;
        }
    }
}
