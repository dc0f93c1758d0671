using System.Net;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Playwright;

namespace JobEngine.WebService.Tests.Console;

/// <summary>The console in a real Chromium against the real host: sign-in, the trail, a ticket's story, proofs, tenancy.</summary>
public sealed class ConsoleTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task APersonOpeningTheRootUrlSignsInAtTheAuthorityAndSeesTheTrail()
    {
        var page = await fixture.NewPageAsync();

        await page.SignInAsync(TestUser.AcmeAuditor);

        Assert.Equal("/console", page.PathOf());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit trail of acme");
        await Assertions.Expect(page.GetByTestId("tenant")).ToHaveTextAsync("acme");

        // The sign-in itself is in the trail: the Authority recorded no operator token, but the page lists what acme's ledger holds.
        Assert.True(await page.GetByRole(AriaRole.Table, new() { Name = "Entries, newest first" }).IsVisibleAsync()
                    || await page.GetByText("No entry matches.").IsVisibleAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        Assert.Equal("/console/signin", page.PathOf());
        await page.GotoAsync("/console");
        Assert.Equal("/console/signin", page.PathOf());
    }

    [Fact]
    public async Task APersonInTwoTenantsNamesOne_AndSwitchingTenantIsSigningInAgain()
    {
        var page = await fixture.NewPageAsync();
        await page.GoToAuthorityAsync();
        await page.SubmitAtAuthorityAsync(TestUser.TwoTenants);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("user 'margaret' may act for several tenants");
        Assert.Equal("/connect/authorize", page.PathOf());

        await page.SignInAsync(TestUser.TwoTenants, tenant: "acme");
        await Assertions.Expect(page.GetByTestId("tenant")).ToHaveTextAsync("acme");
        await page.GetByRole(AriaRole.Link, new() { Name = "Switch tenant" }).ClickAsync();
        await page.GetByLabel("Tenant").FillAsync("globex");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ConfirmAtAuthorityAsync(TestUser.TwoTenants);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit trail of globex");
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAtTheAuthorityAndNoSessionStarts()
    {
        var page = await fixture.NewPageAsync();
        await page.GoToAuthorityAsync("/console");

        await page.SubmitAtAuthorityAsync(TestUser.AcmeAuditor with { Password = "not-the-password" });

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("user name or password is wrong");
        var console = await page.Context.APIRequest.GetAsync("/console", new() { MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.Redirect, console.Status);
    }
}
