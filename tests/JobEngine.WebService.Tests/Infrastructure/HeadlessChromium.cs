using Microsoft.Playwright;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// Debian's <c>chromium</c> package, launched by path through Playwright (no browser download works
/// here; <c>scripts/install-chromium.sh</c> installs it, <c>./test.sh</c> runs that), headless.
/// </summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests drive Debian's chromium at {ExecutablePath}: install it with scripts/install-chromium.sh (apt-get install chromium).");
        }

        // Root in a container has no user namespaces for Chromium's sandbox.
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }
}
