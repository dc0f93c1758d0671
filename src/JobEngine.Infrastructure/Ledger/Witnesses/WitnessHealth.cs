using System.Collections.Concurrent;

namespace JobEngine.Infrastructure.Ledger.Witnesses;

/// <summary>How delivery to each witness stands in this process, for readiness and the logs.</summary>
public sealed class WitnessHealth
{
    private readonly ConcurrentDictionary<string, WitnessState> _states = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, WitnessState> States => _states;

    public void Kept(string witness, DateTimeOffset at) =>
        _states[witness] = new WitnessState(Failures: 0, LastError: null, LastKeptAt: at);

    public void Failed(string witness, string error) =>
        _states.AddOrUpdate(witness,
            _ => new WitnessState(1, error, null),
            (_, state) => state with { Failures = state.Failures + 1, LastError = error });
}

/// <summary>Consecutive failed deliveries, the last failure, and when a checkpoint was last kept.</summary>
public sealed record WitnessState(int Failures, string? LastError, DateTimeOffset? LastKeptAt);
