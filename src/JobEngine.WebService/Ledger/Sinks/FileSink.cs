using JobEngine.Core.Audit;

namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>
/// Appends each entry as one JSON line and syncs the file before acknowledging. Past
/// <see cref="RotateAtBytes"/> the file is renamed with the time of rotation appended and a new
/// one begins, so collectors that follow files by name (Filebeat, Fluent Bit) see a normal rotation.
/// </summary>
internal sealed class FileSink(string path, SinkFormat format, IReadOnlyCollection<string> tenants, TimeProvider time, long rotateAtBytes = FileSink.RotateAtBytes)
    : ISink
{
    public const long RotateAtBytes = 64L * 1024 * 1024;

    public string Id { get; } = $"file {path}";

    public IReadOnlyCollection<string> Tenants { get; } = tenants;

    public async Task DeliverAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var lines = SinkPayload.Lines(entries, format);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            if (File.Exists(path) && new FileInfo(path).Length + lines.Length > rotateAtBytes)
            {
                File.Move(path, $"{path}.{time.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}");
            }

            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(lines, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SinkFailedException($"{path} could not be written: {exception.Message}", exception);
        }
    }
}
