using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobEngine.Core.Audit;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Audit;

public sealed class AuditTrailTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _submitter = fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
    private readonly HttpClient _auditor = fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit");

    [Fact]
    public async Task Cancel_WritesOneEntry_WithReasonTicketActorTokenAndStates()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());
        var token = (await fixture.Tokens.RequestAsync(TestClient.Operator, "orch:read orch:operate",
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"))).AccessToken;
        var jti = Jwt.Parse(token).Claim("jti");

        var operatorClient = fixture.WithToken(token);
        operatorClient.DefaultRequestHeaders.Add("X-Correlation-Id", "corr-cancel-1");
        operatorClient.DefaultRequestHeaders.UserAgent.ParseAdd("audit-tests/1.0");
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel", new { comment = "stuck" })).Status);

        var entry = Assert.Single(await ListAsync($"eventType=job.canceled&resourceId={jobId}"));
        Assert.Equal("acme", entry["tenantId"]!.GetValue<string>());
        Assert.Equal("job", entry["resourceType"]!.GetValue<string>());
        Assert.Equal("maintenance", entry["operatorReason"]!.GetValue<string>());
        Assert.Equal("TICKET-123", entry["operatorTicket"]!.GetValue<string>());
        Assert.Equal("stuck", entry["comment"]!.GetValue<string>());
        Assert.Equal("acme-operator", entry["actorId"]!.GetValue<string>());
        Assert.Equal("client", entry["actorType"]!.GetValue<string>());
        Assert.Equal("acme-operator", entry["clientId"]!.GetValue<string>());
        Assert.Equal(jti, entry["tokenId"]!.GetValue<string>());
        Assert.Equal("Pending", entry["oldState"]!["status"]!.GetValue<string>());
        Assert.Equal("Canceled", entry["newState"]!["status"]!.GetValue<string>());
        Assert.Equal("TICKET-123", entry["newState"]!["cancelTicket"]!.GetValue<string>());
        Assert.Equal("corr-cancel-1", entry["correlationId"]!.GetValue<string>());
        Assert.Equal("POST", entry["httpMethod"]!.GetValue<string>());
        Assert.Equal($"/api/v1/jobs/{jobId}/cancel", entry["requestPath"]!.GetValue<string>());
        Assert.Equal("audit-tests/1.0", entry["userAgent"]!.GetValue<string>());
        Assert.EndsWith("Z", entry["occurredAt"]!.GetValue<string>());
        Assert.Equal(AuditHasher.ContentHash(entry), entry["contentHash"]!.GetValue<string>());

        var issued = Assert.Single(await ListAsync($"eventType=authority.token.issued&operatorTicket=TICKET-123"),
            e => e["tokenId"]!.GetValue<string>() == jti);
        Assert.Equal("maintenance", issued["operatorReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryOperatorActionKind_IsRecordedWithItsEventType()
    {
        var ticket = "CHG-" + Guid.NewGuid().ToString("N")[..8];
        var operatorClient = fixture.OperatorFor(TestClient.Operator, ticket: ticket);
        var admin = fixture.OperatorFor(TestClient.Admin, "orch:read orch:operate orch:quota", ticket: ticket);
        var jobType = ApiCalls.NewJobType();
        var jobId = await _submitter.SubmitAsync(jobType);

        await operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");
        await operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/retry");
        await operatorClient.PostJsonAsync($"/api/v1/job-types/{jobType}/pause");
        await operatorClient.PostJsonAsync($"/api/v1/job-types/{jobType}/resume");
        await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotas/{jobType}", new { maxActive = 1, maxPerHour = 5 });
        await admin.PostJsonAsync($"/api/v1/quotas/{jobType}/pause");
        await admin.PostJsonAsync($"/api/v1/quotas/{jobType}/resume");

        var entries = await ListAsync($"operatorTicket={ticket}");
        Assert.Equal(
            ["authority.token.issued", "job.canceled", "job.retried", "jobtype.paused", "jobtype.resumed",
             "authority.token.issued", "quota.updated", "quota.paused", "quota.resumed"],
            entries.Select(e => e["eventType"]!.GetValue<string>()));
        var sequences = entries.Select(e => e["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        var quota = entries.Single(e => e["eventType"]!.GetValue<string>() == "quota.updated");
        Assert.Null(quota["oldState"]);
        Assert.Equal(5, quota["newState"]!["maxPerHour"]!.GetValue<int>());
    }

    [Fact]
    public async Task ConcurrentOperatorTokens_AreEachRecordedOnce_InOneValidChain()
    {
        // Token records are written in batches; every issued token must still have its own entry.
        var ticket = $"BATCH-{Guid.NewGuid():N}"[..20];
        var responses = await Task.WhenAll(Enumerable.Range(0, 48).Select(i => fixture.Tokens.RequestAsync(
            TestClient.Operator, "orch:read orch:operate", ("operator_reason", $"burst {i}"), ("operator_ticket", ticket))));

        Assert.All(responses, response => Assert.Equal(200, response.Status));
        var issuedIds = responses.Select(response => Jwt.Parse(response.AccessToken).Claim("jti")!).Order().ToList();
        var recorded = await ListAsync($"eventType=authority.token.issued&operatorTicket={ticket}");
        Assert.Equal(issuedIds, recorded.Select(entry => entry["tokenId"]!.GetValue<string>()).Order().ToList());
        Assert.Equal(48, recorded.Select(entry => entry["sequence"]!.GetValue<long>()).Distinct().Count());
        var (status, verification) = await _auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(verification.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task RefusedOperatorTokenRequest_IsRecordedAsRejected()
    {
        var ticket = "REJ-" + Guid.NewGuid().ToString("N")[..8];
        var response = await fixture.Tokens.RequestAsync(TestClient.Operator, "orch:operate", ("operator_ticket", ticket));
        Assert.Equal("invalid_request", response.Error);

        var rejected = (await ListAsync("eventType=authority.token.rejected"))
            .Where(e => e["description"]!.GetValue<string>().Contains("operator_reason")).ToList();
        Assert.NotEmpty(rejected);
        Assert.All(rejected, e => Assert.Equal("acme-operator", e["clientId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ScopeRefusal_IsRecordedAsRejected()
    {
        var response = await fixture.Tokens.RequestAsync(TestClient.Viewer, "orch:operate",
            ("operator_reason", "r"), ("operator_ticket", "T-1"));
        Assert.Equal("invalid_scope", response.Error);

        Assert.Contains(await ListAsync("eventType=authority.token.rejected&actorId=acme-viewer"),
            e => e["description"]!.GetValue<string>().Contains("orch:operate"));
    }

    [Fact]
    public async Task ActionWithoutTheScope_Is403_AndRecordedAsDenied()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());

        var (status, _) = await fixture.ClientFor(TestClient.Viewer, "orch:read").PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        var denied = Assert.Single(await ListAsync($"eventType=operator.action.denied&resourceId={jobId}"));
        Assert.Equal("acme-viewer", denied["actorId"]!.GetValue<string>());
        Assert.Contains("403", denied["description"]!.GetValue<string>());
        Assert.Empty(await ListAsync($"eventType=job.canceled&resourceId={jobId}"));
    }

    [Fact]
    public async Task ActionWithoutJustification_Is400_AndRecordedAsDenied()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());
        var claims = ApiFixture.OperatorClaims();
        claims.Remove("operator_ticket");

        var (status, _) = await fixture.WithToken(fixture.Forge(claims)).PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var denied = Assert.Single(await ListAsync($"eventType=operator.action.denied&resourceId={jobId}"));
        Assert.Contains("operator_ticket", denied["description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("application/json", "{\"comment\":\"cancel \u202E\"}", 400, "comment")]
    [InlineData("application/json", "{\"comment\":", 400, "comment")]
    [InlineData("application/json", "{\"comment\":\"ok\",\"status\":\"Pending\"}", 400, "'status'")]
    [InlineData("application/json", "{\"comment\":7}", 400, "'comment'")]
    [InlineData("text/plain", "stuck", 415, "JSON")]
    public async Task RefusedBody_IsRecordedAsDenied_OnceWithItsReason(string contentType, string body, int status, string reason)
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());
        var operatorClient = fixture.ClientFor(TestClient.Operator, "orch:read orch:operate",
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"));

        using var response = await operatorClient.PostAsync($"/api/v1/jobs/{jobId}/cancel", new StringContent(body, System.Text.Encoding.UTF8, contentType));

        Assert.Equal(status, (int)response.StatusCode);
        var denied = Assert.Single(await ListAsync($"eventType=operator.action.denied&resourceId={jobId}"));
        Assert.Contains($"Refused ({status})", denied["description"]!.GetValue<string>());
        Assert.Contains(reason, denied["description"]!.GetValue<string>());
        Assert.Equal("TICKET-123", denied["operatorTicket"]!.GetValue<string>());
        Assert.Empty(await ListAsync($"eventType=job.canceled&resourceId={jobId}"));
    }

    [Fact]
    public async Task ActionForAnotherTenant_Is403_AndRecordedAsDeniedInTheTokensTenant()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());
        var operatorClient = fixture.ClientFor(TestClient.Operator, "orch:read orch:operate",
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/jobs/{jobId}/cancel");
        request.Headers.Add("X-Tenant-Id", "globex");

        using var response = await operatorClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var denied = Assert.Single(await ListAsync($"eventType=operator.action.denied&resourceId={jobId}"));
        Assert.Contains("X-Tenant-Id", denied["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidJobTypeInTheRoute_Is400_AndRecordedAsDenied()
    {
        var operatorClient = fixture.ClientFor(TestClient.Operator, "orch:read orch:operate",
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"));
        var jobType = "bad%20type" + Guid.NewGuid().ToString("N")[..8];

        var (status, body) = await operatorClient.PostJsonAsync($"/api/v1/job-types/{jobType}/pause");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertProblem("urn:jobengine:problem:validation", "jobType");
        Assert.Single(await ListAsync($"eventType=operator.action.denied&resourceType=jobtype&resourceId={Uri.EscapeDataString(Uri.UnescapeDataString(jobType))}"));
    }

    [Fact]
    public async Task SubmissionLeasingAndReadTokens_AreNotLedgerEvents()
    {
        var before = await CountAsync();
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType);
        var lease = (await fixture.ClientFor(TestClient.Worker, "orch:work").LeaseAsync(jobType))!.Value;
        await fixture.ClientFor(TestClient.Worker, "orch:work").PostJsonAsync($"/api/v1/jobs/{lease.JobId}/complete", new { leaseId = lease.LeaseId });

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task List_ValidatesItsFilters()
    {
        foreach (var (query, field) in new[]
                 {
                     ("eventType=job.deleted", "eventType"), ("since=yesterday", "since"), ("until=2026-01-01", "until"),
                     ("since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", "until"), ("limit=0", "limit"), ("cursor=abc", "cursor"),
                 })
        {
            var (status, body) = await _auditor.GetJsonAsync($"/api/v1/audit?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            body.AssertProblem("urn:jobengine:problem:validation", field);
        }
    }

    [Fact]
    public async Task List_PagesInSequenceOrder_AndSinceUntilBoundTheTime()
    {
        var ticket = "PG-" + Guid.NewGuid().ToString("N")[..8];
        var operatorClient = fixture.OperatorFor(TestClient.Operator, ticket: ticket);
        for (var i = 0; i < 3; i++)
        {
            await operatorClient.PostJsonAsync($"/api/v1/jobs/{await _submitter.SubmitAsync(ApiCalls.NewJobType())}/cancel");
        }

        var all = await ListAsync($"operatorTicket={ticket}", pageSize: 1);
        Assert.Equal(4, all.Count);
        var firstAt = all[0]["occurredAt"]!.GetValue<string>();
        var lastAt = all[^1]["occurredAt"]!.GetValue<string>();
        Assert.Equal(all.Count, (await ListAsync($"operatorTicket={ticket}&since={firstAt}")).Count);
        Assert.Equal(all.Count - 1, (await ListAsync($"operatorTicket={ticket}&until={lastAt}")).Count);
    }

    [Fact]
    public async Task List_NewestFirst_PagesBackwards_WithCursorsOfItsOwn()
    {
        var ticket = "DESC-" + Guid.NewGuid().ToString("N")[..8];
        var operatorClient = fixture.OperatorFor(TestClient.Operator, ticket: ticket);
        for (var i = 0; i < 3; i++)
        {
            await operatorClient.PostJsonAsync($"/api/v1/jobs/{await _submitter.SubmitAsync(ApiCalls.NewJobType())}/cancel");
        }

        var ascending = (await ListAsync($"operatorTicket={ticket}")).Select(e => e["sequence"]!.GetValue<long>()).ToList();
        var newestFirst = new List<long>();
        string? cursor = null;
        do
        {
            var (status, page) = await _auditor.GetJsonAsync(
                $"/api/v1/audit?operatorTicket={ticket}&order=desc&limit=1" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.Equal(HttpStatusCode.OK, status);
            newestFirst.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(4, ascending.Count);
        Assert.Equal(ascending.AsEnumerable().Reverse(), newestFirst);

        var (_, oldestFirstPage) = await _auditor.GetJsonAsync($"/api/v1/audit?operatorTicket={ticket}&limit=1");
        var ascendingCursor = Uri.EscapeDataString(oldestFirstPage.GetProperty("nextCursor").GetString()!);
        var (mixed, mixedBody) = await _auditor.GetJsonAsync($"/api/v1/audit?order=desc&cursor={ascendingCursor}");
        Assert.Equal(HttpStatusCode.BadRequest, mixed);
        mixedBody.AssertProblem("urn:jobengine:problem:validation", "cursor");
        var (badOrder, badOrderBody) = await _auditor.GetJsonAsync("/api/v1/audit?order=newest");
        Assert.Equal(HttpStatusCode.BadRequest, badOrder);
        badOrderBody.AssertProblem("urn:jobengine:problem:validation", "order");
    }

    [Fact]
    public async Task Export_TakesTheListsFilters()
    {
        var ticket = "EXP-" + Guid.NewGuid().ToString("N")[..8];
        var operatorClient = fixture.OperatorFor(TestClient.Operator, ticket: ticket);
        await operatorClient.PostJsonAsync($"/api/v1/jobs/{await _submitter.SubmitAsync(ApiCalls.NewJobType())}/cancel");

        using var response = await _auditor.GetAsync($"/api/v1/audit/export?operatorTicket={ticket}&eventType=job.canceled");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = JsonNode.Parse(Assert.Single(lines))!.AsObject();
        Assert.Equal("job.canceled", entry["eventType"]!.GetValue<string>());
        Assert.Equal(ticket, entry["operatorTicket"]!.GetValue<string>());
        Assert.Equal(AuditHasher.ContentHash(entry), entry["contentHash"]!.GetValue<string>());
        var (invalid, body) = await _auditor.GetJsonAsync("/api/v1/audit/export?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        body.AssertProblem("urn:jobengine:problem:validation", "since");
    }

    [Fact]
    public async Task GetById_ReturnsTheEntry_AndMutationsAre405()
    {
        var ticket = "GET-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.OperatorFor(TestClient.Operator, ticket: ticket)
            .PostJsonAsync($"/api/v1/jobs/{await _submitter.SubmitAsync(ApiCalls.NewJobType())}/cancel");
        var entry = (await ListAsync($"operatorTicket={ticket}&eventType=job.canceled")).Single();
        var id = entry["entryId"]!.GetValue<string>();

        var (status, read) = await _auditor.GetJsonAsync($"/api/v1/audit/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(entry["contentHash"]!.GetValue<string>(), read.GetProperty("contentHash").GetString());

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            using var response = await _auditor.SendAsync(new HttpRequestMessage(method, $"/api/v1/audit/{id}")
            {
                Content = new StringContent("{\"operatorTicket\":\"FORGED\"}", System.Text.Encoding.UTF8, "application/json"),
            });
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Contains("GET", response.Content.Headers.Allow);
        }

        Assert.Equal(ticket, (await _auditor.GetJsonAsync($"/api/v1/audit/{id}")).Body.GetProperty("operatorTicket").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _auditor.GetJsonAsync($"/api/v1/audit/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task AuditRoutes_NeedTheAuditScope()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _submitter.GetJsonAsync("/api/v1/audit")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _submitter.GetJsonAsync("/api/v1/audit/verify")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _submitter.GetJsonAsync("/api/v1/audit/export")).Status);
    }

    [Fact]
    public async Task LegacyRoutes_AnswerAsV1_WithDeprecationSunsetAndSuccessorLink()
    {
        using var response = await _auditor.GetAsync("/api/orchestrator/audit/verify");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("valid").GetBoolean());
        Assert.StartsWith("@", response.Headers.GetValues("Deprecation").Single());
        Assert.EndsWith("GMT", response.Headers.GetValues("Sunset").Single());
        Assert.Equal("</api/v1/audit/verify>; rel=\"successor-version\"", response.Headers.GetValues("Link").Single());

        using var v1 = await _auditor.GetAsync("/api/v1/audit/verify");
        Assert.False(v1.Headers.Contains("Deprecation"));
    }

    [Theory]
    [InlineData("GET", "/api/orchestrator/jobs/%C3%A9", "</api/v1/jobs/%C3%A9>")]
    [InlineData("GET", "/api/orchestrator/jobs/a%0D%0ALink:%20evil", "</api/v1/jobs/a%0D%0ALink:%20evil>")]
    [InlineData("POST", "/api/orchestrator/job-types/payroll%E2%80%AEkcatta/pause", "</api/v1/job-types/payroll%E2%80%AEkcatta/pause>")]
    public async Task LegacyRoutes_WithEncodedCharacters_AnswerAsV1_WithAnEncodedSuccessorLink(string method, string path, string link)
    {
        using var response = await fixture.Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"{link}; rel=\"successor-version\"", response.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task ARefusal_KeepsNoInvisibleText_AndBoundsWhatTheCallerSent()
    {
        var viewer = fixture.ClientFor(TestClient.Viewer, "orch:read");
        var jobType = "payroll\u202Ekcatta" + Guid.NewGuid().ToString("N")[..6];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/job-types/{Uri.EscapeDataString(jobType)}/pause");
        request.Headers.TryAddWithoutValidation("User-Agent", "agent\u202E\u200B" + new string('u', 1000));
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "corr\u2028" + new string('c', 1000));

        using var response = await viewer.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var denied = Assert.Single(await ListAsync($"eventType=operator.action.denied&actorId=acme-viewer&resourceType=jobtype"),
            entry => entry["requestPath"]!.GetValue<string>().Contains(Uri.EscapeDataString(jobType), StringComparison.Ordinal));
        Assert.Equal(jobType.Replace('\u202E', '\uFFFD'), denied["resourceId"]!.GetValue<string>());
        Assert.Equal($"/api/v1/job-types/{Uri.EscapeDataString(jobType)}/pause", denied["requestPath"]!.GetValue<string>());
        var userAgent = denied["userAgent"]!.GetValue<string>();
        Assert.Equal(256, userAgent.Length);
        Assert.StartsWith("agent\uFFFD\uFFFDuuu", userAgent);
        var correlation = denied["correlationId"]!.GetValue<string>();
        Assert.Equal(128, correlation.Length);
        Assert.StartsWith("corr\uFFFDccc", correlation);
    }

    private async Task<List<JsonObject>> ListAsync(string query, int pageSize = 500)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var (status, page) = await _auditor.GetJsonAsync($"/api/v1/audit?{query}&limit={pageSize}" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, status);
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(item => JsonNode.Parse(item.GetRawText())!.AsObject()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return items;
    }

    private async Task<long> CountAsync() =>
        (await _auditor.GetJsonAsync("/api/v1/audit/verify")).Body.GetProperty("entriesChecked").GetInt64();
}
