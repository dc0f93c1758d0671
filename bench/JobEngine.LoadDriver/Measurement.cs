namespace JobEngine.LoadDriver;

/// <summary>One row of the benchmark table.</summary>
internal sealed record Measurement(
    string Benchmark,
    string Unit,
    double Ours,
    double? Baseline,
    string BaselineLabel,
    string Goal,
    bool? MeetsGoal,
    string? Latency = null,
    string? Note = null)
{
    public double? Ratio => Baseline is > 0 ? Ours / Baseline : null;
}
