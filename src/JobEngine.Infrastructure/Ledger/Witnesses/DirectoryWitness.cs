using System.Globalization;
using System.Text;
using JobEngine.Core.Tenants;

namespace JobEngine.Infrastructure.Ledger.Witnesses;

/// <summary>
/// A witness that is a directory, typically on other storage than the database (another disk, a
/// mount of another host, a bucket's file gateway): one file per checkpoint,
/// <c>&lt;tenantId&gt;/&lt;tree size&gt;.checkpoint</c>, holding the note exactly as signed. A file
/// is written to a temporary name and then linked into place without overwriting, so a reader never
/// sees half a note and nothing already there is ever replaced.
/// </summary>
public sealed class DirectoryWitness(string root) : IWitness
{
    private const string Extension = ".checkpoint";

    public string Name => root;

    public async Task<WitnessAnswer> DeliverAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(root, checkpoint.TenantId);
        Directory.CreateDirectory(directory);
        var path = PathOf(checkpoint.TenantId, checkpoint.TreeSize);
        var note = Encoding.UTF8.GetBytes(checkpoint.Note);
        if (File.Exists(path))
        {
            return await HoldsAsync(path, note, cancellationToken);
        }

        var temporary = Path.Combine(directory, $".{checkpoint.TreeSize.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(note, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            return WitnessAnswer.Kept;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of this deployment delivered the same size first.
            return await HoldsAsync(path, note, cancellationToken);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The tenants this witness holds checkpoints of.</summary>
    public IEnumerable<string> Tenants() =>
        Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(name => TenantId.TryCreate(name, out _, out _))
            : [];

    /// <summary>The sizes of the tenant's checkpoint files, largest first.</summary>
    public IReadOnlyList<long> SizesOf(string tenantId)
    {
        var directory = Path.Combine(root, tenantId);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var sizes = new List<long>();
        foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                && size.ToString(CultureInfo.InvariantCulture) == name)
            {
                sizes.Add(size);
            }
        }

        sizes.Sort((left, right) => right.CompareTo(left));
        return sizes;
    }

    public Task<string> ReadAsync(string tenantId, long size, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(PathOf(tenantId, size), Encoding.UTF8, cancellationToken);

    private string PathOf(string tenantId, long size) =>
        Path.Combine(root, tenantId, size.ToString(CultureInfo.InvariantCulture) + Extension);

    private static async Task<WitnessAnswer> HoldsAsync(string path, byte[] note, CancellationToken cancellationToken) =>
        (await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(note) ? WitnessAnswer.Kept : WitnessAnswer.Refused;
}
