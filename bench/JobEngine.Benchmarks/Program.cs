using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using JobEngine.Benchmarks;

// Usage: JobEngine.Benchmarks [--quick] [--results FILE]
var quick = args.Contains("--quick");
var resultsIndex = Array.IndexOf(args, "--results");
var resultsFile = resultsIndex >= 0 ? args[resultsIndex + 1] : "chain-verification.json";

// --quick runs in this process (no generated project to build) with a short job; the full run is BenchmarkDotNet's default.
var config = DefaultConfig.Instance
    .AddJob(quick ? Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance) : Job.Default)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<ChainVerificationBenchmarks>(config);

var means = summary.Reports.ToDictionary(
    report => report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
    report => report.ResultStatistics?.Mean ?? throw new InvalidOperationException($"{report.BenchmarkCase.DisplayInfo} produced no result."));
var entries = ChainVerificationBenchmarks.Size;
var ours = entries / (means["VerifyChainFromMemory"] / 1e9);
var baseline = entries / (means["Sha256OverCanonicalBytes"] / 1e9);
File.WriteAllText(resultsFile, JsonSerializer.Serialize(new
{
    name = "chain verification",
    unit = "entries/s",
    ours,
    baseline,
    ratio = ours / baseline,
}));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chain verification: {ours:F0} entries/s vs SHA-256 {baseline:F0}/s (ratio {ours / baseline:F2})"));
