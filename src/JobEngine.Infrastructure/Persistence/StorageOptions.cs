using System.ComponentModel.DataAnnotations;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>Where JobEngine keeps its state (<c>JobEngine:Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "JobEngine:Storage";
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";

    /// <summary>
    /// The store: <c>Sqlite</c> (embedded) or <c>Postgres</c>. When unset, a connection string
    /// naming a <c>Host=</c> means PostgreSQL and anything else SQLite, so one setting is enough.
    /// </summary>
    [AllowedValues(null, SqliteProvider, PostgresProvider, ErrorMessage = "JobEngine:Storage:Provider must be 'Sqlite' or 'Postgres'.")]
    public string? Provider { get; set; }

    /// <summary>ADO.NET connection string; a relative SQLite file is resolved against the content root.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/jobengine.db";

    public bool IsPostgres => Provider is null
        ? ConnectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        : string.Equals(Provider, PostgresProvider, StringComparison.Ordinal);
}
