namespace JobEngine.Infrastructure.Persistence;

/// <summary>Where relative file settings (the SQLite file, the checkpoint key) live: the content root.</summary>
public sealed record StoragePaths(string ContentRoot)
{
    public string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(ContentRoot, path));
}
