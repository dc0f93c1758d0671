using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using JobEngine.Authority;
using JobEngine.Authority.Clients;
using JobEngine.Authority.People;
using JobEngine.Authority.Upstream;

namespace JobEngine.WebService.Tests.Federation;

/// <summary>What an upstream provider's and a relying party's settings must hold, and how a provider's claims become a person.</summary>
public sealed class UpstreamSettingsTests
{
    [Fact]
    public void AGoodProvider_IsValid()
    {
        Assert.Empty(Errors(new AuthorityOptions { Issuer = new Uri("https://b.example.com/"), Upstream = [Provider()] }));
    }

    [Theory]
    [InlineData("Name", "corp:ad", "Name 'corp:ad' must be 1 to 64 characters")]
    [InlineData("Issuer", "ftp://idp.example.com/", "Issuer must be the provider's absolute https issuer URL")]
    [InlineData("Issuer", "http://idp.example.com/", "(plain http only on loopback)")]
    [InlineData("Name", "callback", "is taken by the providers' callback")]
    [InlineData("Tenants", "Acme Corp", "Tenants: 'Acme Corp' is not a tenant id")]
    [InlineData("Roles", "admin", "Roles: 'admin' is not a role")]
    [InlineData("ClientId", "", "ClientId is required")]
    [InlineData("ClientSecret", "", "ClientSecret is required")]
    [InlineData("TenantsClaim", " ", "TenantsClaim must name the claim")]
    [InlineData("RolesClaim", "", "RolesClaim must name the claim")]
    public void ABadSetting_IsNamedWithItsPlace(string setting, string value, string message)
    {
        var provider = Provider();
        switch (setting)
        {
            case "Name": provider.Name = value; break;
            case "Issuer": provider.Issuer = new Uri(value); break;
            case "ClientId": provider.ClientId = value; break;
            case "ClientSecret": provider.ClientSecret = value; break;
            case "TenantsClaim": provider.TenantsClaim = value; break;
            case "Tenants": provider.Tenants = [value]; break;
            case "Roles": provider.Roles = [value]; break;
            default: provider.RolesClaim = value; break;
        }

        var error = Assert.Single(Errors(new AuthorityOptions { Issuer = new Uri("https://b.example.com/"), Upstream = [provider] }));
        Assert.StartsWith("JobEngine:Authority:Upstream:0:", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void APlainHttpIssuer_IsAcceptedOnLoopbackOnly()
    {
        var provider = Provider();
        provider.Issuer = new Uri("http://127.0.0.1:5080/");
        Assert.Empty(Errors(new AuthorityOptions { Issuer = new Uri("http://127.0.0.1:5081/"), Upstream = [provider] }));
    }

    [Fact]
    public void TwoProvidersOfOneName_AreRefused()
    {
        var errors = Errors(new AuthorityOptions { Issuer = new Uri("https://b.example.com/"), Upstream = [Provider(), Provider()] });
        Assert.Contains("JobEngine:Authority:Upstream:1:Name 'corp' is configured twice.", Assert.Single(errors));
    }

    [Theory]
    [InlineData("", "secret-of-sixteen-chars", "https://b.example.com/connect/upstream/callback", "RelyingParties:0:ClientId is required")]
    [InlineData("b", "short", "https://b.example.com/connect/upstream/callback", "RelyingParties:0:ClientSecret must be at least 16 characters")]
    [InlineData("b", "secret-of-sixteen-chars", "/connect/upstream/callback", "must be an absolute http(s) URL without a fragment")]
    [InlineData("acme-operator", "secret-of-sixteen-chars", "https://b.example.com/cb", "RelyingParties:0:ClientId 'acme-operator' is configured twice")]
    [InlineData("jobengine", "secret-of-sixteen-chars", "https://b.example.com/cb", "RelyingParties:0:ClientId 'jobengine' is reserved")]
    [InlineData("jobctl", "secret-of-sixteen-chars", "https://b.example.com/cb", "RelyingParties:0:ClientId 'jobctl' is reserved")]
    public void ARelyingPartyThatCouldNeverSignAnyoneIn_IsRefused(string clientId, string secret, string redirectUri, string message)
    {
        var options = new BootstrapOptions
        {
            Clients = [new BootstrapClient { ClientId = "acme-operator", ClientSecret = "acme-operator-secret", Tenants = ["acme"], Roles = ["Orch.Operator"] }],
            RelyingParties = [new BootstrapRelyingParty { ClientId = clientId, ClientSecret = secret, RedirectUris = [new Uri(redirectUri, UriKind.RelativeOrAbsolute)] }],
        };

        var result = new BootstrapOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AProvidersClaims_BecomeAPersonNamedAfterIt_WithTheJobEngineRolesAndTenantsTheyList()
    {
        var vouched = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "4711"),
            new Claim("groups", "Orch.Operator"),
            new Claim("groups", "Domain Users"),
            new Claim("orgs", """["acme","globex","Not A Tenant"]"""),
        ]));

        var (person, refusal) = UpstreamPerson.From(Provider(), vouched);

        Assert.Null(refusal);
        Assert.Equal("corp:4711", person!.Subject);
        Assert.Equal(["Orch.Operator"], person.Roles.ToArray());
        Assert.Equal(["acme", "globex"], person.Tenants.ToArray());
        Assert.True(person.IsUpstream);
    }

    [Fact]
    public void AProviderLimitedToSomeTenantsAndRoles_VouchesForNoOthers()
    {
        var provider = Provider();
        provider.Tenants = ["globex"];
        provider.Roles = ["Orch.Viewer", "Orch.Operator"];
        var vouched = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "4711"),
            new Claim("groups", "Orch.Admin"),
            new Claim("groups", "Orch.Operator"),
            new Claim("orgs", "acme"),
            new Claim("orgs", "globex"),
        ]));

        var (person, _) = UpstreamPerson.From(provider, vouched);

        Assert.Equal(["Orch.Operator"], person!.Roles.ToArray());
        Assert.Equal(["globex"], person.Tenants.ToArray());

        provider.Tenants = ["initech"];
        var (refused, refusal) = UpstreamPerson.From(provider, vouched);
        Assert.Null(refused);
        Assert.Contains("corp:4711 has no tenant in the claim 'orgs' among those initech this provider may vouch for", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void APersonApprovedThroughAProvider_KeepsAtRedemptionOnlyWhatTheProviderMayStillVouchFor()
    {
        var approved = new Person("corp:4711", ["Orch.Operator", "Orch.Auditor"], ["acme", "globex"]);
        var provider = Provider();

        Assert.Equal(approved.Subject, UpstreamPerson.AsConfiguredNow(approved, [provider])!.Subject);

        provider.Roles = ["Orch.Auditor"];
        provider.Tenants = ["globex"];
        var narrowed = UpstreamPerson.AsConfiguredNow(approved, [provider])!;
        Assert.Equal(["Orch.Auditor"], narrowed.Roles.ToArray());
        Assert.Equal(["globex"], narrowed.Tenants.ToArray());

        provider.Tenants = ["initech"];
        Assert.Null(UpstreamPerson.AsConfiguredNow(approved, [provider]));
        Assert.Null(UpstreamPerson.AsConfiguredNow(approved, []));
    }

    [Theory]
    [InlineData("has space", "printable ASCII without spaces")]
    [InlineData("line\nbreak", "printable ASCII without spaces")]
    public void ASubjectThatCannotNameAnActor_IsRefused(string subject, string message)
    {
        var vouched = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject), new Claim("groups", "Orch.Operator"), new Claim("orgs", "acme")]));
        var (person, refusal) = UpstreamPerson.From(Provider(), vouched);
        Assert.Null(person);
        Assert.Contains(message, refusal, StringComparison.Ordinal);

        var (tooLong, _) = UpstreamPerson.From(Provider(), new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", new string('x', UpstreamPerson.MaxSubjectLength)), new Claim("groups", "Orch.Operator"), new Claim("orgs", "acme")])));
        Assert.Null(tooLong);
    }

    [Theory]
    [InlineData(null, "Orch.Operator", "acme", "did not say who signed in")]
    [InlineData("4711", "Domain Users", "acme", "corp:4711 holds no JobEngine role in the claim 'groups'")]
    [InlineData("4711", "Orch.Operator", "[not json", "corp:4711 has no tenant in the claim 'orgs'")]
    public void AProvidersClaimsThatMakeNoPersonHere_AreRefusedSayingWhy(string? subject, string role, string tenants, string message)
    {
        var claims = new List<Claim> { new("groups", role), new("orgs", tenants) };
        if (subject is not null)
        {
            claims.Add(new Claim("sub", subject));
        }

        var (person, refusal) = UpstreamPerson.From(Provider(), new ClaimsPrincipal(new ClaimsIdentity(claims)));

        Assert.Null(person);
        Assert.Contains(message, refusal, StringComparison.Ordinal);
    }

    private static UpstreamProvider Provider() => new()
    {
        Name = "corp",
        Issuer = new Uri("https://idp.example.com/"),
        ClientId = "jobengine",
        ClientSecret = "corp-client-secret",
        TenantsClaim = "orgs",
        RolesClaim = "groups",
    };

    private static List<string> Errors(AuthorityOptions options) =>
        [.. options.Validate(new ValidationContext(options)).Select(result => result.ErrorMessage!)];
}
