#:package Microsoft.Playwright
#:property PublishAot=false
// Takes the screenshots in docs/console/ from a running server (the README's first command, with its demo
// users), in Debian's chromium: dotnet run scripts/console-screenshots.cs [http://127.0.0.1:5080/] [docs/console]
using Microsoft.Playwright;

var server = args.Length > 0 ? args[0] : "http://127.0.0.1:5080/";
var output = args.Length > 1 ? args[1] : "docs/console";
Directory.CreateDirectory(output);

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"] });
var page = await (await browser.NewContextAsync(new() { BaseURL = server, ViewportSize = new() { Width = 1366, Height = 800 } })).NewPageAsync();

async Task SignInAsync(string user, string tenant)
{
    await page.GotoAsync("/console/signin");
    await page.GetByLabel("Tenant").FillAsync(tenant);
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    await page.GetByLabel("User name").FillAsync(user);
    await page.GetByLabel("Password").FillAsync($"{user}-demo-password");
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
}

async Task ShotAsync(string name) => await page.ScreenshotAsync(new() { Path = Path.Combine(output, name + ".png"), FullPage = false });

// margaret: admin and auditor of acme and globex, so she can act and read the trail.
await SignInAsync("margaret", "acme");
await page.GotoAsync("/console/jobs");
await ShotAsync("jobs");
var job = page.Locator("table a").First;
if (await job.CountAsync() > 0)
{
    await job.ClickAsync();
    if (await page.GetByRole(AriaRole.Link, new() { Name = "Act as operator" }).CountAsync() > 0)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Act as operator" }).ClickAsync();
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("stuck import blocks the queue");
        await page.GetByLabel("Change ticket").FillAsync("CHG-1234");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to sign-in" }).ClickAsync();
        await ShotAsync("authority-sign-in");
        await page.GetByLabel("User name").FillAsync("margaret");
        await page.GetByLabel("Password").FillAsync("margaret-demo-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel…" }).ClickAsync();
        await ShotAsync("confirm-cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the job" }).ClickAsync();
    }
}

await page.GotoAsync("/console");
await ShotAsync("trail");
await page.GotoAsync("/console/tickets/CHG-1234");
await ShotAsync("ticket");
await page.GotoAsync("/console/integrity");
await page.GetByRole(AriaRole.Button, new() { Name = "Sign a checkpoint now" }).ClickAsync();
await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();
await ShotAsync("integrity");
await page.GotoAsync("/console/tickets/CHG-1234");
var canceled = page.Locator("tbody tr", new() { HasText = "job.canceled" }).GetByRole(AriaRole.Link).First;
if (await canceled.CountAsync() > 0)
{
    await canceled.ClickAsync();
    await ShotAsync("entry");
}

Console.WriteLine($"screenshots in {output}");
