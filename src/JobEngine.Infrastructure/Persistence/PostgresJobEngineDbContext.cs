using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// The same model on PostgreSQL. A type of its own so that its migrations (Migrations/Postgres)
/// are kept apart from SQLite's.
/// </summary>
public sealed class PostgresJobEngineDbContext(DbContextOptions<PostgresJobEngineDbContext> options)
    : JobEngineDbContext(options);
