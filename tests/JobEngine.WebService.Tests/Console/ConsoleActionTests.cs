using System.Net;
using System.Text.RegularExpressions;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Playwright;

namespace JobEngine.WebService.Tests.Console;

/// <summary>
/// The console's paths through real actions: a person acts as operator and cancels a job, then
/// finds the whole story under the ticket and the entry's proof; tenancy holds page by page; the
/// integrity page verifies; the trail works from the keyboard alone.
/// </summary>
public sealed class ConsoleActionTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task APersonCancelsAJobUnderATicketAndFindsTheWholeStoryOnTheTicketPage()
    {
        var jobId = await fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync(ApiCalls.NewJobType());
        var ticket = "CHG-" + Random.Shared.Next(10_000, 99_999);
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(TestUser.TwoTenants, $"/console/jobs/{jobId}", tenant: "acme");
        Assert.Equal($"/console/jobs/{jobId}", page.PathOf());

        await page.GetByRole(AriaRole.Link, new() { Name = "Act as operator" }).ClickAsync();
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("stuck import blocks the queue");
        await page.GetByLabel("Kind of reason").SelectOptionAsync("incident");
        await page.GetByLabel("Change ticket").FillAsync(ticket);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to sign-in" }).ClickAsync();
        await Assertions.Expect(page.Locator("dl")).ToContainTextAsync(ticket);
        await page.ConfirmAtAuthorityAsync(TestUser.TwoTenants);

        Assert.Equal($"/console/jobs/{jobId}", page.PathOf());
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel…" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-ticket")).ToHaveTextAsync(ticket);
        await Assertions.Expect(page.GetByTestId("confirm-reason")).ToHaveTextAsync("stuck import blocks the queue");
        await Assertions.Expect(page.GetByRole(AriaRole.Form)).ToContainTextAsync("(incident)");
        await page.GetByLabel("Comment").FillAsync("from the console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the job" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Canceled");

        await page.GotoAsync($"/console/tickets/{ticket}");
        var story = page.GetByRole(AriaRole.Table, new() { Name = "Entries under the ticket, oldest first" });
        await Assertions.Expect(story.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(story.Locator("tbody tr").Nth(0)).ToContainTextAsync("authority.token.issued");
        await Assertions.Expect(story.Locator("tbody tr").Nth(1)).ToContainTextAsync("job.canceled");
        await Assertions.Expect(story.Locator("tbody tr").Nth(1)).ToContainTextAsync("margaret (user via jobengine-console)");
        await Assertions.Expect(story.Locator("tbody tr").Nth(1)).ToContainTextAsync("from the console");
        await Assertions.Expect(story.Locator("tbody tr").Nth(1)).ToContainTextAsync("[incident]");

        // The entry's proof, checked by the console against a checkpoint signed after the cancel.
        await page.GotoAsync("/console/integrity");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign a checkpoint now" }).ClickAsync();
        await page.GotoAsync($"/console/tickets/{ticket}");
        await story.Locator("tbody tr").Nth(1).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("hash-status")).ToHaveTextAsync("Recomputed: matches");
        await Assertions.Expect(page.GetByTestId("proof-status")).ToHaveTextAsync("Verified");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "State before and after" })).ToContainTextAsync("Canceled");
    }

    [Fact]
    public async Task ACancelUnderAnApprovalPolicyIsHeld_AndTheTicketPageShowsTheRequest()
    {
        var jobId = await fixture.ClientFor(TestClient.GlobexSubmitter, "orch:submit").SubmitAsync(ApiCalls.NewJobType());
        var ticket = "GLX-" + Random.Shared.Next(10_000, 99_999);
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(TestUser.TwoTenants, $"/console/jobs/{jobId}", tenant: "globex");
        await page.GetByRole(AriaRole.Link, new() { Name = "Act as operator" }).ClickAsync();
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("drain before maintenance");
        await page.GetByLabel("Change ticket").FillAsync(ticket);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to sign-in" }).ClickAsync();
        await page.ConfirmAtAuthorityAsync(TestUser.TwoTenants);

        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the job" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("action-held")).ToContainTextAsync("Held for approval");
        await Assertions.Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Pending");
        await page.GotoAsync($"/console/tickets/{ticket}");
        var story = page.GetByRole(AriaRole.Table, new() { Name = "Entries under the ticket, oldest first" });
        await Assertions.Expect(story).ToContainTextAsync("approval.requested");
        await Assertions.Expect(story).Not.ToContainTextAsync("job.canceled");
        var inItsSystem = page.GetByRole(AriaRole.Link, new() { Name = "open" }).First;
        await Assertions.Expect(inItsSystem).ToHaveAttributeAsync("href", $"https://tickets.example.com/browse/{ticket}");
    }

    [Fact]
    public async Task AnEntryOfAnotherTenantIsNotFoundInTheConsole()
    {
        var globexType = ApiCalls.NewJobType();
        var globexJob = await fixture.ClientFor(TestClient.GlobexSubmitter, "orch:submit").SubmitAsync(globexType);
        var globexOperator = fixture.ClientFor(TestClient.GlobexOperator, "orch:operate",
            ("operator_reason", "cleanup"), ("operator_ticket", "GLX-1"));
        Assert.Equal(HttpStatusCode.OK, (await globexOperator.PostJsonAsync($"/api/v1/job-types/{globexType}/pause")).Status);
        var (_, globexTrail) = await fixture.ClientFor(TestClient.GlobexAuditor, "orch:audit").GetJsonAsync("/api/v1/audit?operatorTicket=GLX-1");
        var globexEntry = globexTrail.GetProperty("items")[0].GetProperty("entryId").GetString();

        var page = await fixture.NewPageAsync();
        await page.SignInAsync(TestUser.AcmeAuditor);
        var entry = await page.GotoAsync($"/console/entries/{globexEntry}");
        var job = await page.GotoAsync($"/console/jobs/{globexJob}");

        Assert.Equal((int)HttpStatusCode.NotFound, entry!.Status);
        Assert.Equal((int)HttpStatusCode.NotFound, job!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("404");
        await page.GotoAsync("/console/tickets/GLX-1");
        await Assertions.Expect(page.GetByText("Nothing in the trail of acme names this ticket.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheIntegrityPageVerifiesTheLedgerOnRequest()
    {
        await CancelAJobAsync("CHG-INTEGRITY");
        var (_, expected) = await fixture.ClientFor(TestClient.Auditor, "orch:audit").GetJsonAsync("/api/v1/audit/verify");
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(TestUser.AcmeAuditor, "/console/integrity");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The ledger verifies" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("ledger-state")).ToHaveTextAsync("The store agrees with the newest checkpoint");
        var checkedCount = long.Parse(await page.GetByTestId("entries-checked").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(checkedCount >= expected.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task ThePersonFindsAnEntryWithTheKeyboardAlone()
    {
        await CancelAJobAsync("CHG-KEYS");
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(TestUser.AcmeAuditor);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit trail of acme");

        await TabToAsync(page, "input#ticket");
        await page.Keyboard.TypeAsync("CHG-KEYS");
        await Assertions.Expect(page.Locator("input#ticket")).ToHaveValueAsync("CHG-KEYS");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("ticket=CHG-KEYS"));
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Entries, newest first" })).ToContainTextAsync("CHG-KEYS");
        await TabToAsync(page, "a[aria-label^='Entry ']");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/entries/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("job.canceled");
    }

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>; fails if it never does.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector}.");
    }

    private async Task CancelAJobAsync(string ticket)
    {
        var jobId = await fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync(ApiCalls.NewJobType());
        var operatorClient = fixture.ClientFor(TestClient.Operator, "orch:operate", ("operator_reason", "console test"), ("operator_ticket", ticket));
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")).Status);
    }
}
