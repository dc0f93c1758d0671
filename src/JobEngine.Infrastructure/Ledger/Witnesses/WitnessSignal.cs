using System.Threading.Channels;

namespace JobEngine.Infrastructure.Ledger.Witnesses;

/// <summary>
/// Wakes witness delivery when this process stored a new checkpoint, so witnesses hear of it at
/// once rather than at the next tick; wakes that come while one is pending fold into it.
/// </summary>
public sealed class WitnessSignal
{
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>Waits for a wake or for <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _wakes.Reader.ReadAsync(waiting.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The timeout: a tick without a wake.
        }
    }
}
