using System.ComponentModel.DataAnnotations;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>Where JobEngine keeps its state (<c>JobEngine:Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "JobEngine:Storage";
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";

    /// <summary>The store: <c>Sqlite</c> (embedded, the default) or <c>Postgres</c>.</summary>
    [Required]
    [AllowedValues(SqliteProvider, PostgresProvider, ErrorMessage = "JobEngine:Storage:Provider must be 'Sqlite' or 'Postgres'.")]
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>ADO.NET connection string; a relative SQLite file is resolved against the content root.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/jobengine.db";

    public bool IsPostgres => string.Equals(Provider, PostgresProvider, StringComparison.Ordinal);
}
