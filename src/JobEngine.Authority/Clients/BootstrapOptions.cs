namespace JobEngine.Authority.Clients;

/// <summary>Clients created or updated at start-up (<c>JobEngine:Bootstrap</c>).</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "JobEngine:Bootstrap";

    public List<BootstrapClient> Clients { get; set; } = [];
}

/// <summary>One client registration from configuration.</summary>
public sealed class BootstrapClient
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string? DisplayName { get; set; }

    public List<string> Tenants { get; set; } = [];

    public List<string> Roles { get; set; } = [];
}
