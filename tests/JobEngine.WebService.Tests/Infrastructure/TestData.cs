using Microsoft.Data.Sqlite;

namespace JobEngine.WebService.Tests.Infrastructure;

internal static class TestData
{
    public static void Delete(string directory)
    {
        // Pooled SQLite connections keep the file open until the pool is cleared.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
