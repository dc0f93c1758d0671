namespace JobEngine.Application.Audit;

/// <summary>
/// The commands waiting for the writers: a bounded queue per tenant, served in turn (a tenant with
/// a long queue gets one batch's worth, then the next waiting tenant gets its turn, in the same
/// batch where the writer's batches span tenants), so one tenant's burst neither starves the
/// others nor takes their room. A tenant whose turn a writer took is under way until
/// <see cref="Done"/>: no other writer gets its turn meanwhile, so its commands are applied in the
/// order they came, while every other tenant's turn goes to whichever writer is free.
/// </summary>
internal sealed class LedgerQueue(int limitPerTenant)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<LedgerCommand>> _tenants = new(StringComparer.Ordinal);
    private readonly Queue<string> _turns = new();
    private readonly HashSet<string> _underWay = new(StringComparer.Ordinal);
    // Released when a turn is queued, so that each turn wakes one idle writer, not all of them. A
    // writer may take a turn without waiting; its release then stays and wakes a writer later for
    // nothing, so a release is given only while the releases do not outnumber the queued turns.
    private readonly SemaphoreSlim _turnQueued = new(0);
    private readonly CancellationTokenSource _closing = new();
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
            if (waiting.Count > 1 || _underWay.Contains(command.TenantId))
            {
                return Admission.Queued;
            }

            _turns.Enqueue(command.TenantId);
        }

        WakeAWriter();
        return Admission.Queued;
    }

    /// <summary>
    /// Waits until some tenant not under way has commands waiting; false once the queue is closed and
    /// no such tenant is left (a writer with a turn under way serves what its tenant still has after it).
    /// </summary>
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

            try
            {
                await _turnQueued.WaitAsync(_closing.Token);
            }
            catch (OperationCanceledException)
            {
                // Closed: every idle writer wakes, to find the turns left or stop.
            }
        }
    }

    /// <summary>The tenant whose turn it is, now under way until <see cref="Done"/>; its commands stay queued until <see cref="Take"/>.</summary>
    public string? NextTenant()
    {
        lock (_lock)
        {
            if (!_turns.TryDequeue(out var next))
            {
                return null;
            }

            _underWay.Add(next);
            return next;
        }
    }

    /// <summary>Up to <paramref name="max"/> of the tenant's commands, oldest first; a tenant with more left gets its next turn once <see cref="Done"/>.</summary>
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

            if (waiting.Count == 0)
            {
                _tenants.Remove(tenantId);
            }

            return taken;
        }
    }

    /// <summary>Ends the turn <see cref="NextTenant"/> gave: a tenant with commands still waiting goes to the back of the turns.</summary>
    public void Done(string tenantId)
    {
        bool again;
        lock (_lock)
        {
            _underWay.Remove(tenantId);
            again = _tenants.ContainsKey(tenantId);
            if (again)
            {
                _turns.Enqueue(tenantId);
            }
        }

        if (again)
        {
            WakeAWriter();
        }
    }

    private void WakeAWriter()
    {
        bool wake;
        lock (_lock)
        {
            wake = _turnQueued.CurrentCount < _turns.Count;
        }

        if (wake)
        {
            _turnQueued.Release();
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

    /// <summary>Takes no more commands, and wakes every writer; what is queued is still served.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
        }

        _closing.Cancel();
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
