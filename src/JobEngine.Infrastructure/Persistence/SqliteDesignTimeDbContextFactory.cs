using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without the web host.</summary>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<JobEngineDbContext>
{
    public JobEngineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<JobEngineDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .UseOpenIddict()
            .Options;
        return new JobEngineDbContext(options);
    }
}
