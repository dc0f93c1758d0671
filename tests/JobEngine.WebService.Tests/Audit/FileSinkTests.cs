using System.Text.Json.Nodes;
using JobEngine.Core.Audit;
using JobEngine.WebService.Ledger.Sinks;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Audit;

public sealed class FileSinkTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task PastItsSize_TheFileIsRenamedWithTheTime_AndANewOneBegins_LosingNoLine()
    {
        var path = Path.Combine(_directory, "ledger.ndjson");
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.Zero));
        var sink = new FileSink(path, SinkFormat.JobEngine, [], clock, rotateAtBytes: 4096);
        var entries = Entries(12);

        foreach (var entry in entries)
        {
            await sink.DeliverAsync([entry], CancellationToken.None);
            clock.Now += TimeSpan.FromSeconds(1);
        }

        var files = Directory.GetFiles(_directory).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 1, "the file should have been rotated");
        Assert.All(files, file => Assert.True(new FileInfo(file).Length <= 4096));
        Assert.Contains(files, file => Path.GetFileName(file).StartsWith("ledger.ndjson.20261130T1015", StringComparison.Ordinal));

        // Rotated files first (by name, which is by time), then the current one: every entry once, in order.
        var ordered = files.Where(file => file != path).Append(path);
        var sequences = ordered.SelectMany(File.ReadAllLines).Select(line => JsonNode.Parse(line)!["sequence"]!.GetValue<long>());
        Assert.Equal(entries.Select(entry => entry.Sequence), sequences);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static List<AuditEntry> Entries(int count)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditEntry.GenesisHash;
        for (var sequence = 0; sequence < count; sequence++)
        {
            var record = AuditRecord.Create("acme", AuditEventTypes.JobCanceled, new Attribution("acme-operator", "client", "acme-operator", null), null) with
            {
                ResourceType = "job",
                ResourceId = Guid.NewGuid().ToString(),
                Description = new string('x', 600),
            };
            var entry = AuditEntry.Seal(record, sequence, previous, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddSeconds(sequence));
            previous = entry.ContentHash;
            entries.Add(entry);
        }

        return entries;
    }
}
