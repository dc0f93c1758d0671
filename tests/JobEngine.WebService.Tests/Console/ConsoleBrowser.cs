using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Playwright;

namespace JobEngine.WebService.Tests.Console;

/// <summary>What a person does in the browser, step by step, as the tests repeat it.</summary>
public static class ConsoleBrowser
{
    /// <summary>Opens <paramref name="path"/>; when the console sends the person to sign in, signs in at the Authority as <paramref name="user"/>.</summary>
    public static async Task SignInAsync(this IPage page, TestUser user, string path = "/", string? tenant = null)
    {
        await page.GotoAsync(path);
        Assert.EndsWith("/console/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        if (tenant is not null)
        {
            await page.GetByLabel("Tenant").FillAsync(tenant);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ConfirmAtAuthorityAsync(user);
    }

    /// <summary>On the Authority's sign-in page: the person's name and password, then "Sign in".</summary>
    public static async Task ConfirmAtAuthorityAsync(this IPage page, TestUser user)
    {
        Assert.EndsWith("/connect/authorize", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.GetByLabel("User name").FillAsync(user.Name);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForLoadStateAsync();
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"After signing in at the Authority as {user.Name}, the browser was still loading {page.Url} (the fixture saves the server's log under artifacts/test-logs).", timeout);
        }
    }

    public static string PathOf(this IPage page) => new Uri(page.Url).AbsolutePath;
}
