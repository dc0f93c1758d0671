using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Tickets;

/// <summary>
/// A host whose tenant acme keeps its tickets in a Jira-like system that validates them (the
/// stand-in, on a real port) and links to them, and whose tenant globex keeps them in a
/// ServiceNow-like system with neither validation nor links. Local users sign in as people.
/// </summary>
public sealed class TicketSystemFixture : IAsyncLifetime
{
    // Long enough for a first answer over a fresh connection while the whole suite loads the machine.
    public static readonly TimeSpan ValidationTimeout = TimeSpan.FromSeconds(3);
    public const string JiraLink = "https://jira.example.com/browse/";

    public TicketSystemStandIn Jira { get; private set; } = null!;

    public ApiFixture Api { get; private set; } = null!;

    public static Dictionary<string, string?> Settings(string validationUrl) => new(TestUser.Settings())
    {
        ["JobEngine:Authority:DevicePollingInterval"] = "00:00:01",
        ["JobEngine:Authority:ConsoleRedirectUris:0"] = CodeFlow.RedirectUri,
        ["JobEngine:Tickets:ValidationTimeout"] = ValidationTimeout.ToString(),
        ["JobEngine:Tickets:Systems:0:Name"] = "jira",
        ["JobEngine:Tickets:Systems:0:Pattern"] = "CHG-[0-9]+",
        ["JobEngine:Tickets:Systems:0:LinkTemplate"] = JiraLink + "{ticket}",
        ["JobEngine:Tickets:Systems:0:ValidationUrl"] = validationUrl,
        ["JobEngine:Tickets:Systems:0:Tenants:0"] = "acme",
        ["JobEngine:Tickets:Systems:1:Name"] = "servicenow",
        ["JobEngine:Tickets:Systems:1:Pattern"] = "INC[0-9]{7}",
        ["JobEngine:Tickets:Systems:1:Tenants:0"] = "globex",
    };

    public async Task InitializeAsync()
    {
        Jira = await TicketSystemStandIn.StartAsync();
        Api = ApiFixture.With(Settings(Jira.Url));
        await Api.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Jira.DisposeAsync();
    }
}
