using JobEngine.Core.Audit;

namespace JobEngine.Core.Tests.Audit;

public sealed class ChainVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SealedChain_Verifies()
    {
        var chain = Chain(5);
        var verifier = new ChainVerifier();
        chain.ForEach(verifier.Check);

        Assert.True(verifier.Valid);
        Assert.Equal(5, verifier.EntriesChecked);
        Assert.Equal(5, verifier.HeadSequence);
        Assert.Equal(chain[^1].ContentHash, verifier.HeadHash);
    }

    [Fact]
    public void FirstEntry_LinksToGenesis_AndTimestampsAreMicroseconds()
    {
        var first = Chain(1)[0];

        Assert.Equal(new string('0', 64), first.PreviousHash);
        Assert.Equal(0, first.OccurredAt.Ticks % 10);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"n\":1.5}")]
    public void AStateRewrittenIntoSomethingUnhashable_IsNamed_NotAnError(string state)
    {
        var chain = Chain(5);
        chain[3] = chain[3] with { NewState = state };

        Assert.Equal(4, Verify(chain).FirstInvalidSequence);
    }

    [Fact]
    public void RewrittenEntry_IsNamed()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { OperatorTicket = "TICKET-999" };

        Assert.Equal(3, Verify(chain).FirstInvalidSequence);
    }

    [Fact]
    public void RewrittenAndRehashedEntry_BreaksTheNextLink()
    {
        var chain = Chain(5);
        var forged = chain[2] with { OperatorReason = "something else" };
        chain[2] = forged with { ContentHash = AuditHasher.ContentHash(forged) };

        Assert.Equal(4, Verify(chain).FirstInvalidSequence);
    }

    [Fact]
    public void MissingEntry_IsNamed()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        Assert.Equal(2, Verify(chain).FirstInvalidSequence);
    }

    [Fact]
    public void StateChange_ChangesTheHash()
    {
        var entry = Chain(1)[0];

        Assert.NotEqual(entry.ContentHash, AuditHasher.ContentHash(entry with { NewState = "{\"status\":\"Pending\"}" }));
    }

    private static ChainVerifier Verify(IEnumerable<AuditEntry> chain)
    {
        var verifier = new ChainVerifier();
        foreach (var entry in chain)
        {
            verifier.Check(entry);
        }

        return verifier;
    }

    private static List<AuditEntry> Chain(int length)
    {
        var chain = new List<AuditEntry>();
        var by = OperatorContexts.Acme();
        for (var i = 0; i < length; i++)
        {
            var record = AuditRecord.ForOperator(by, AuditEventTypes.JobCanceled, "job", $"job-{i}", "Job canceled",
                "{\"status\":\"Pending\"}", "{\"status\":\"Canceled\"}");
            var previous = chain.Count == 0 ? (0L, AuditEntry.GenesisHash) : (chain[^1].Sequence, chain[^1].ContentHash);
            chain.Add(AuditEntry.Seal(record, previous.Item1, previous.Item2, Guid.NewGuid(), Now.AddTicks(i * 1234567 + 3)));
        }

        return chain;
    }
}
