using JobEngine.Infrastructure.Persistence;

namespace JobEngine.Infrastructure.Tests;

public sealed class StorageOptionsTests
{
    [Theory]
    [InlineData(null, "Data Source=data/jobengine.db", false)]
    [InlineData(null, "Host=db.internal;Username=jobengine;Password=x;Database=jobengine", true)]
    [InlineData(null, "host=db;database=jobengine", true)]
    [InlineData("Sqlite", "Data Source=Host=odd-but-a-file.db", false)]
    [InlineData("Postgres", "Server=db;Database=jobengine", true)]
    public void Provider_IsExplicit_OrInferredFromTheConnectionString(string? provider, string connectionString, bool postgres)
    {
        var options = new StorageOptions { Provider = provider, ConnectionString = connectionString };

        Assert.Equal(postgres, options.IsPostgres);
    }
}
