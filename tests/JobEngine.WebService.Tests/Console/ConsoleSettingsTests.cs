using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Console;

/// <summary>The console's settings are checked at start-up, each refusal naming its setting.</summary>
public sealed class ConsoleSettingsTests
{
    [Theory]
    [InlineData("PublicUrl", "console.example.com")]
    [InlineData("PublicUrl", "ftp://console.example.com/")]
    [InlineData("ApiUrl", "/api")]
    public async Task AConsoleUrlThatIsNotAnAbsoluteHttpUrl_StopsStartUpNamingIt(string setting, string value)
    {
        await using var app = new JobEngineApp(settings: new Dictionary<string, string?> { [$"JobEngine:Console:{setting}"] = value });

        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains($"JobEngine:Console:{setting} must be an absolute http(s) URL", refused.ToString());
    }
}
