using System.Net;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Audit;

/// <summary>
/// An HTTP witness gets every checkpoint posted as text/plain; one that hangs or fails delays no
/// operator action and no signing, and is retried until it keeps the note.
/// </summary>
public sealed class HttpWitnessTests
{
    [Fact]
    public async Task AWitnessThatHangs_DelaysNoActionAndNoCheckpoint_AndGetsTheNoteWhenItAnswers()
    {
        await using var witness = await WitnessStandIn.StartAsync(hang: true);
        await WithServerAsync(witness, async fixture =>
        {
            await fixture.ProduceEntriesAsync(1);
            var auditor = fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit");
            var (status, signed) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
            Assert.Equal(HttpStatusCode.Created, status);
            await Eventually(() => witness.Requests > 0, "the witness was never called");

            // The witness holds its first request open: everything below would wait for it if anything did.
            await fixture.ProduceEntriesAsync(2);
            Assert.Equal(HttpStatusCode.Created, (await auditor.PostJsonAsync("/api/v1/audit/checkpoints")).Status);
            Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync("/readyz")).StatusCode);
            Assert.Empty(witness.Notes);

            witness.Answer();
            await Eventually(() => witness.Notes.Contains(signed.GetProperty("note").GetString()), "the witness never kept the first note");
        });
    }

    [Fact]
    public async Task AWitnessThatFails_IsRetried_UntilItKeepsEveryNoteInOrder_WhileTheServerStaysReady()
    {
        await using var witness = await WitnessStandIn.StartAsync(failFirst: 2);
        await WithServerAsync(witness, async fixture =>
        {
            await fixture.ProduceEntriesAsync(1);
            var auditor = fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit");
            var (_, first) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
            await Eventually(() => witness.Requests >= 1, "the witness was never called");
            await fixture.ProduceEntriesAsync(1);
            var (_, second) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");

            Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync("/readyz")).StatusCode);
            await Eventually(() => witness.Notes.Count == 2, () => $"the witness did not get both notes after it recovered ({witness.Requests} requests, {witness.Notes.Count} notes kept)");
            Assert.Equal<string>([first.GetProperty("note").GetString()!, second.GetProperty("note").GetString()!], [.. witness.Notes]);
            Assert.True(witness.Requests >= 4, $"Two failed tries and two deliveries, but {witness.Requests} requests.");
        });
    }

    /// <summary>Runs <paramref name="test"/> against a fresh server whose only witness is <paramref name="witness"/>.</summary>
    private static async Task WithServerAsync(WitnessStandIn witness, Func<ApiFixture, Task> test)
    {
        var fixture = ApiFixture.With(new Dictionary<string, string?> { ["JobEngine:Ledger:Witnesses:0"] = witness.Url });
        try
        {
            await fixture.InitializeAsync();
            await test(fixture);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static Task Eventually(Func<bool> condition, string failure) => Eventually(condition, () => failure);

    private static async Task Eventually(Func<bool> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(50);
        }
    }
}
