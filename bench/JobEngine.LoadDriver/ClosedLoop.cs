using System.Diagnostics;
using System.Globalization;

namespace JobEngine.LoadDriver;

/// <summary>
/// N workers each run an operation back to back for a fixed time; the result is the rate of
/// successful operations and their latency percentiles. Bounded in time and count, it stops by itself.
/// Operations of the warm-up that comes first are not counted: the figures are the steady state
/// (a fresh server spends its first seconds compiling hot paths; start-up is measured on its own).
/// </summary>
internal static class ClosedLoop
{
    public sealed record Result(double PerSecond, double P50Ms, double P99Ms, long Operations, long Failures)
    {
        /// <summary>Every operation that ended, warm-up and failures included.</summary>
        public long Attempts { get; init; }

        /// <summary>The successful operations' latencies, sorted (ms).</summary>
        public double[] Latencies { get; init; } = [];

        public double Seconds => PerSecond > 0 ? Operations / PerSecond : 0;

        public double MeanMs => Latencies.Length == 0 ? double.NaN : Latencies.Average();

        public string Latency => string.Create(CultureInfo.InvariantCulture, $"p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms");

        /// <summary>The failed operations, for a row's note; null when none failed.</summary>
        public string? FailureNote => Failures == 0 ? null : $"{Failures} failed requests";

        /// <summary>Several measured periods of one operation as one: total operations over total time, latencies pooled.</summary>
        public static Result Combine(IReadOnlyCollection<Result> parts)
        {
            var all = parts.SelectMany(part => part.Latencies).Order().ToArray();
            var seconds = parts.Sum(part => part.Seconds);
            return new Result(seconds > 0 ? all.Length / seconds : 0, Percentile(all, 0.50), Percentile(all, 0.99), all.Length,
                parts.Sum(part => part.Failures)) { Latencies = all };
        }
    }

    public static async Task<Result> RunAsync(
        int concurrency, TimeSpan warmup, TimeSpan duration, Func<int, CancellationToken, Task<bool>> operation)
    {
        Console.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {concurrency} clients: {warmup.TotalSeconds:0} s warm-up, {duration.TotalSeconds:0} s measured");
        using var stop = new CancellationTokenSource(warmup + duration);
        var latencies = new List<double>[concurrency];
        var failures = 0L;
        var attempts = 0L;
        var clock = Stopwatch.StartNew();
        var measuredFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var counted = started >= measuredFrom;
                bool ok;
                try
                {
                    ok = await operation(worker, CancellationToken.None);
                }
                catch (Exception failure) when (failure is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    ok = false;
                }

                Interlocked.Increment(ref attempts);
                if (!counted)
                {
                    continue;
                }

                if (ok)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds - warmup.TotalSeconds;
        var all = latencies.SelectMany(list => list).Order().ToArray();
        return new Result(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length, failures)
        {
            Latencies = all,
            Attempts = attempts,
        };
    }

    /// <summary>
    /// <see cref="RunAsync"/>, with the CPU time <paramref name="cpuTime"/> reports per operation over the
    /// measured period only: a fresh server's warm-up is largely the JIT's work.
    /// </summary>
    public static async Task<(Result Result, double CpuMsPerOperation)> RunWithCpuAsync(
        int concurrency, TimeSpan warmup, TimeSpan duration, Func<TimeSpan> cpuTime, Func<int, CancellationToken, Task<bool>> operation)
    {
        var load = RunAsync(concurrency, warmup, duration, operation);
        await Task.Delay(warmup);
        var before = cpuTime();
        var result = await load;
        return (result, (cpuTime() - before).TotalMilliseconds / Math.Max(1, result.Operations + result.Failures));
    }

    /// <summary>Runs one request at a time <paramref name="count"/> times and reports latency percentiles.</summary>
    public static async Task<Result> SequentialAsync(int count, Func<int, Task<bool>> operation)
    {
        var latencies = new List<double>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (await operation(i))
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var all = latencies.Order().ToArray();
        return new Result(all.Length / clock.Elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), all.Length, count - all.Length)
        {
            Latencies = all,
        };
    }

    /// <summary>
    /// Runs two operations one request at a time, alternating (which goes first alternates too), so
    /// drift on a shared machine falls on both alike; each one's time is measured on its own.
    /// </summary>
    public static async Task<(Result First, Result Second)> AlternatingAsync(int count, Func<int, Task<bool>> first, Func<int, Task<bool>> second)
    {
        var times = new[] { new List<double>(count), new List<double>(count) };
        var failures = new long[2];
        var operations = new[] { first, second };
        for (var i = 0; i < count; i++)
        {
            for (var turn = 0; turn < 2; turn++)
            {
                var which = (i + turn) % 2;
                var started = Stopwatch.GetTimestamp();
                if (await operations[which](i))
                {
                    times[which].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    failures[which]++;
                }
            }
        }

        Result Of(int which)
        {
            var all = times[which].Order().ToArray();
            return new Result(all.Length == 0 ? 0 : 1000 / all.Average(), Percentile(all, 0.50), Percentile(all, 0.99), all.Length, failures[which]) { Latencies = all };
        }

        return (Of(0), Of(1));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
