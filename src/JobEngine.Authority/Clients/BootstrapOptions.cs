namespace JobEngine.Authority.Clients;

/// <summary>Clients created or updated at start-up (<c>JobEngine:Bootstrap</c>).</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "JobEngine:Bootstrap";

    public List<BootstrapClient> Clients { get; set; } = [];

    /// <summary>Relying parties: other services (another JobEngine's Authority, for one) that sign people in here with OpenID Connect.</summary>
    public List<BootstrapRelyingParty> RelyingParties { get; set; } = [];
}

/// <summary>One relying party from configuration: a confidential client of the authorization code grant, scope <c>openid</c>.</summary>
public sealed class BootstrapRelyingParty
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Where it receives authorization codes, each compared exactly with a request's <c>redirect_uri</c>.</summary>
    public List<Uri> RedirectUris { get; set; } = [];
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
