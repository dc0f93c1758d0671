using System.ComponentModel.DataAnnotations;
using JobEngine.Authority.Tickets;

namespace JobEngine.WebService.Tests.Tickets;

public sealed class TicketOptionsTests
{
    [Fact]
    public void AGoodConfiguration_IsValid()
    {
        Assert.Empty(Validate(System()));
    }

    [Theory]
    [InlineData("Name", "Jira", "Name 'Jira' must be")]
    [InlineData("Pattern", "CHG-(", "Pattern is not a regular expression")]
    [InlineData("Pattern", "", "Pattern is required")]
    [InlineData("LinkTemplate", "https://jira.example.com/browse/", "LinkTemplate must be an absolute http(s) URL containing {ticket}")]
    [InlineData("LinkTemplate", "/browse/{ticket}", "LinkTemplate must be")]
    [InlineData("ValidationUrl", "ftp://tickets.example.com/", "ValidationUrl must be an absolute http(s) URL")]
    [InlineData("Tenants", "Acme", "Tenants: 'Acme' is not a tenant id")]
    public void ABadSetting_IsNamedWithItsPlace(string setting, string value, string message)
    {
        var system = System();
        switch (setting)
        {
            case "Name": system.Name = value; break;
            case "Pattern": system.Pattern = value; break;
            case "LinkTemplate": system.LinkTemplate = value; break;
            case "ValidationUrl": system.ValidationUrl = value; break;
            default: system.Tenants = [value]; break;
        }

        var error = Assert.Single(Validate(system));
        Assert.StartsWith("JobEngine:Tickets:Systems:0:", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void TwoSystemsOfOneName_AreRefused()
    {
        var options = new TicketOptions { Systems = [System(), System()] };

        Assert.Contains("Systems:1:Name 'jira' is used by another system", Assert.Single(Errors(options)));
    }

    [Fact]
    public void TheTimeout_IsBounded()
    {
        Assert.Contains("ValidationTimeout", Assert.Single(Errors(new TicketOptions { ValidationTimeout = TimeSpan.Zero })));
    }

    private static TicketSystemOptions System() => new()
    {
        Name = "jira",
        Pattern = "CHG-[0-9]+",
        LinkTemplate = "https://jira.example.com/browse/{ticket}",
        ValidationUrl = "https://tickets.example.com/validate",
        Tenants = ["acme"],
    };

    private static List<string> Validate(TicketSystemOptions system) => Errors(new TicketOptions { Systems = [system] });

    private static List<string> Errors(TicketOptions options) =>
        [.. options.Validate(new ValidationContext(options)).Select(result => result.ErrorMessage!)];
}
