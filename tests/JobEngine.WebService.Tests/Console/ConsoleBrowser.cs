using System.Text.RegularExpressions;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Playwright;

namespace JobEngine.WebService.Tests.Console;

/// <summary>What a person does in the browser, step by step, as the tests repeat it.</summary>
public static class ConsoleBrowser
{
    private static readonly Regex AuthorityPath = new("/connect/authorize(\\?|$)");

    /// <summary>Opens <paramref name="path"/>; when the console sends the person to sign in, signs in at the Authority as <paramref name="user"/>.</summary>
    public static async Task SignInAsync(this IPage page, TestUser user, string path = "/", string? tenant = null)
    {
        await page.GoToAuthorityAsync(path, tenant);
        await page.ConfirmAtAuthorityAsync(user);
    }

    /// <summary>Opens <paramref name="path"/>, which sends the person to the console's sign-in, and goes on to the Authority's sign-in page.</summary>
    public static async Task GoToAuthorityAsync(this IPage page, string path = "/", string? tenant = null)
    {
        await page.GotoAsync(path);
        Assert.EndsWith("/console/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        if (tenant is not null)
        {
            await page.GetByLabel("Tenant").FillAsync(tenant);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>
    /// On the Authority's sign-in page: the person's name and password, then "Sign in"; returns once
    /// the browser has left the Authority for the page the sign-in leads to.
    /// </summary>
    /// <remarks>
    /// Watches the address only, never the page's <c>load</c> event: under the suite's load, Chromium
    /// sometimes never reported <c>load</c> for a page the server had served in full (the host's log
    /// showed the response finished and no request outstanding), and a wait for a URL that is already
    /// reached waits for <c>load</c> too. The steps that follow wait for what they need on the page.
    /// </remarks>
    public static async Task ConfirmAtAuthorityAsync(this IPage page, TestUser user)
    {
        await page.SubmitAtAuthorityAsync(user);
        await Assertions.Expect(page).Not.ToHaveURLAsync(AuthorityPath);
    }

    /// <summary>On the Authority's sign-in page: the person's name and password, then "Sign in", whatever the Authority answers.</summary>
    public static async Task SubmitAtAuthorityAsync(this IPage page, TestUser user)
    {
        Assert.True(IsAuthority(page.Url), $"Expected the Authority's sign-in page, not {page.Url}.");
        await page.GetByLabel("User name").FillAsync(user.Name);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static string PathOf(this IPage page) => new Uri(page.Url).AbsolutePath;

    private static bool IsAuthority(string url) => AuthorityPath.IsMatch(url);
}
