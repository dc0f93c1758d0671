namespace JobEngine.WebService.Tests.Infrastructure;

internal static class RepositoryRoot
{
    /// <summary>The folder holding JobEngine.slnx, found by walking up from the test binaries.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "JobEngine.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("JobEngine.slnx was not found above " + AppContext.BaseDirectory);
    }
}
