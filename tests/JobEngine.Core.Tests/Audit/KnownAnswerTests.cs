using System.Globalization;
using System.Text.Json.Nodes;
using JobEngine.Core.Audit;

namespace JobEngine.Core.Tests.Audit;

/// <summary>
/// The expected hashes in known-answers.json were computed by independent/verify_ledger.py, a
/// JCS and SHA-256 implementation that shares no code with JobEngine.
/// </summary>
public sealed class KnownAnswerTests
{
    public static TheoryData<string> Fixtures => [.. Load().Select(fixture => fixture["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ContentHash_MatchesTheIndependentImplementation(string name)
    {
        var fixture = Load().Single(f => f["name"]!.GetValue<string>() == name);
        var entry = ToEntry(fixture["entry"]!.AsObject());

        Assert.Equal(fixture["expectedContentHash"]!.GetValue<string>(), AuditHasher.ContentHash(entry));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ContentHash_OfStatesStoredCanonical_MatchesTheIndependentImplementation(string name)
    {
        // The ledger stores states in canonical form, which hashing copies as they are (the fast path).
        var fixture = Load().Single(f => f["name"]!.GetValue<string>() == name);
        var entry = ToEntry(fixture["entry"]!.AsObject());
        entry = entry with { OldState = Canonical(entry.OldState), NewState = Canonical(entry.NewState) };

        Assert.Equal(fixture["expectedContentHash"]!.GetValue<string>(), AuditHasher.ContentHash(entry));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ContentHashOfTheServedJson_MatchesTheIndependentImplementation(string name)
    {
        var fixture = Load().Single(f => f["name"]!.GetValue<string>() == name);
        var served = fixture["entry"]!.AsObject();
        served["contentHash"] = "ignored: the hash leaves its own member out";

        Assert.Equal(fixture["expectedContentHash"]!.GetValue<string>(), AuditHasher.ContentHash(served));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ServedForm_HasExactlyTheContractMembers(string name)
    {
        var served = Load().Single(f => f["name"]!.GetValue<string>() == name)["entry"]!.AsObject();

        Assert.True(JsonNode.DeepEquals(served, AuditEntryJson.ToJson(ToEntry(served), withContentHash: false)));
    }

    [Fact]
    public void CanonicalText_EscapesOnlyWhatJcsEscapes_AndSortsByUtf16CodeUnits()
    {
        var node = new JsonObject
        {
            ["\uff5e"] = 1,
            ["😀"] = 2,
            ["b"] = "q\"\\/\n\u0007\u007fé",
            ["a"] = new JsonArray(true, false, null, -5),
        };

        Assert.Equal("{\"a\":[true,false,null,-5],\"b\":\"q\\\"\\\\/\\n\\u0007\u007fé\",\"😀\":2,\"\uff5e\":1}",
            JsonCanonicalizer.ToText(node));
    }

    [Fact]
    public void FractionalNumbers_AreOutsideTheValueSpace()
    {
        Assert.Throws<NotSupportedException>(() => JsonCanonicalizer.ToText(JsonNode.Parse("{\"x\":1.5}")));
    }

    private static string? Canonical(string? state) => state is null ? null : JsonCanonicalizer.ToText(JsonNode.Parse(state));

    private static List<JsonObject> Load() =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Audit", "independent", "known-answers.json")))!
            .AsArray().Select(node => node!.AsObject())];

    private static AuditEntry ToEntry(JsonObject json)
    {
        string? Text(string name) => json[name]?.GetValue<string>();
        string? State(string name) => json[name]?.ToJsonString();
        var record = new AuditRecord
        {
            TenantId = Text("tenantId")!,
            EventType = Text("eventType")!,
            ResourceType = Text("resourceType"),
            ResourceId = Text("resourceId"),
            ActorId = Text("actorId"),
            ActorType = Text("actorType"),
            ClientId = Text("clientId"),
            TokenId = Text("tokenId"),
            OperatorReason = Text("operatorReason"),
            OperatorTicket = Text("operatorTicket"),
            OperatorTicketSystem = Text("operatorTicketSystem"),
            TicketUrl = Text("ticketUrl"),
            OperatorReasonCode = Text("operatorReasonCode"),
            Comment = Text("comment"),
            Description = Text("description"),
            OldState = State("oldState"),
            NewState = State("newState"),
            CorrelationId = Text("correlationId"),
            HttpMethod = Text("httpMethod"),
            RequestPath = Text("requestPath"),
            SourceIp = Text("sourceIp"),
            UserAgent = Text("userAgent"),
            ApprovalId = Text("approvalId"),
            RequestedBy = Text("requestedBy"),
            Approvers = State("approvers"),
            BatchId = Text("batchId"),
        };
        return AuditEntry.Seal(
            record, json["sequence"]!.GetValue<long>() - 1, Text("previousHash")!, Guid.Parse(Text("entryId")!),
            DateTimeOffset.Parse(Text("occurredAt")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
    }
}
