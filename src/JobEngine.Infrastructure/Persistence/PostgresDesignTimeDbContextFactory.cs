using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresJobEngineDbContext</c> build the model; it never connects.</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresJobEngineDbContext>
{
    public PostgresJobEngineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresJobEngineDbContext>()
            .UseNpgsql("Host=localhost;Database=jobengine_design")
            .UseOpenIddict()
            .Options);
}
