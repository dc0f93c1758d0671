using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace JobEngine.LoadDriver;

/// <summary>Writes docs/benchmarks.md: machine facts, then the table of every measurement.</summary>
internal static class Report
{
    public static string Render(IReadOnlyList<Measurement> rows, bool quick, string? postgresVersion, string analysis)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks");
        text.AppendLine();
        var command = quick ? "bench/run.sh --quick" : "bench/run.sh";
        text.AppendLine(CultureInfo.InvariantCulture, $"Written by `{command}` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine("Every row is measured against its baseline in the same run on the same machine; the machine is shared and noisy, " +
            "so the ratio is the figure of merit, not the absolute numbers.");
        text.AppendLine();
        text.AppendLine("## Machine");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- CPU: {CpuModel()} × {Environment.ProcessorCount} logical cores");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Memory: {MemoryGiB():F1} GiB");
        text.AppendLine(CultureInfo.InvariantCulture, $"- OS: {RuntimeInformation.OSDescription}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- .NET: {RuntimeInformation.FrameworkDescription}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- PostgreSQL: {postgresVersion ?? "not measured"}");
        text.AppendLine("- Server and load driver share the machine (loopback); 16 concurrent clients unless noted.");
        text.AppendLine();
        text.AppendLine("## Results");
        text.AppendLine();
        text.AppendLine("| benchmark | ours | baseline | ratio | goal | met | latency |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var ours = $"{Format(row.Ours)} {row.Unit}";
            var baseline = row.Baseline is { } value ? $"{Format(value)} {row.Unit} ({row.BaselineLabel})" : row.BaselineLabel;
            var ratio = row.Ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : "—";
            var met = row.MeetsGoal switch { true => "yes", false => "**no**", null => "—" };
            var latency = string.Join("; ", new[] { row.Latency, row.Note }.Where(part => part is not null));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Benchmark} | {ours} | {baseline} | {ratio} | {row.Goal} | {met} | {latency} |");
        }

        text.AppendLine();
        text.AppendLine(analysis.Trim());
        text.AppendLine();
        return text.ToString();
    }

    private static string Format(double value) =>
        value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("F2", CultureInfo.InvariantCulture);

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";

    private static double MemoryGiB()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal)) : null;
        return line is null ? double.NaN : double.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024 / 1024;
    }
}
