namespace JobEngine.Tests.Interop;

/// <summary>Files handed to another program, deleted when disposed.</summary>
internal sealed class TemporaryFiles : IDisposable
{
    private readonly List<string> _paths = [];

    public async Task<string> WriteAsync(string content)
    {
        var path = Path.GetTempFileName();
        _paths.Add(path);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    public void Dispose()
    {
        foreach (var path in _paths)
        {
            File.Delete(path);
        }
    }
}
