using System.Net;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Approvals;

public sealed class ApprovalTests(ApprovalFixture fixture) : IClassFixture<ApprovalFixture>
{
    private readonly HttpClient _submitter = fixture.Api.ClientFor(TestClient.Submitter, "orch:read orch:submit");
    private readonly HttpClient _worker = fixture.Api.ClientFor(TestClient.Worker, "orch:work");
    private readonly HttpClient _operator = fixture.Api.OperatorFor(TestClient.Operator, reason: "stuck deploy", ticket: "CHG-42");
    private readonly HttpClient _approver = fixture.Approver(TestClient.Approver);
    private readonly HttpClient _secondApprover = fixture.Approver(TestClient.SecondApprover, ticket: "CHG-901");
    private readonly HttpClient _auditor = fixture.Api.ClientFor(TestClient.Auditor, "orch:read orch:audit");

    [Fact]
    public async Task ACancelUnderAPolicy_Answers202WithTheRequest_AndChangesNothingUntilApproved()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());

        using var response = await _operator.PostAsync($"/api/v1/jobs/{jobId}/cancel", System.Net.Http.Json.JsonContent.Create(new { comment = "duplicate" }));
        var request = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var approvalId = request.GetProperty("approvalId").GetString();
        Assert.Equal($"/api/v1/approvals/{approvalId}", response.Headers.Location?.OriginalString);
        Assert.Equal("job.cancel", request.GetProperty("action").GetString());
        Assert.Equal(jobId, request.GetProperty("resourceId").GetString());
        Assert.Equal("acme-operator", request.GetProperty("requestedBy").GetString());
        Assert.Equal("client", request.GetProperty("requesterType").GetString());
        Assert.Equal("stuck deploy", request.GetProperty("operatorReason").GetString());
        Assert.Equal("CHG-42", request.GetProperty("operatorTicket").GetString());
        Assert.Equal("duplicate", request.GetProperty("comment").GetString());
        Assert.Equal(1, request.GetProperty("minimumApprovers").GetInt32());
        Assert.Empty(request.GetProperty("approvers").EnumerateArray());
        Assert.True(request.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(50));

        var (_, job) = await _submitter.GetJsonAsync($"/api/v1/jobs/{jobId}");
        Assert.Equal("Pending", job.GetProperty("status").GetString());
        var requested = Assert.Single(await _auditor.EntriesAsync("approval.requested", approvalId!));
        Assert.Equal("acme-operator", requested.GetProperty("actorId").GetString());
        Assert.Equal("CHG-42", requested.GetProperty("operatorTicket").GetString());
        Assert.Empty(await _auditor.EntriesAsync("job.canceled", jobId));
    }

    [Fact]
    public async Task AnApprovalByAnother_RunsTheCancelAsTheRequesters_AndTheTrailNamesBoth_InOneTransaction()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());
        var approvalId = await _operator.RequestAsync($"/api/v1/jobs/{jobId}/cancel", new { comment = "duplicate" });

        var (status, approved) = await _approver.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve", new { comment = "checked the runbook" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal(["acme-approver"], approved.GetProperty("approvers").Names());
        Assert.Equal("acme-approver", approved.GetProperty("decidedBy").GetString());
        var (_, job) = await _submitter.GetJsonAsync($"/api/v1/jobs/{jobId}");
        Assert.Equal("Canceled", job.GetProperty("status").GetString());
        Assert.Equal("acme-operator", job.GetProperty("canceledBy").GetString());
        Assert.Equal("CHG-42", job.GetProperty("cancelTicket").GetString());

        var approval = Assert.Single(await _auditor.EntriesAsync("approval.approved", approvalId));
        Assert.Equal("acme-approver", approval.GetProperty("actorId").GetString());
        Assert.Equal("second pair of eyes", approval.GetProperty("operatorReason").GetString());
        Assert.Equal("CHG-900", approval.GetProperty("operatorTicket").GetString());
        Assert.Equal("checked the runbook", approval.GetProperty("comment").GetString());
        Assert.Equal("acme-operator", approval.GetProperty("requestedBy").GetString());
        var canceled = Assert.Single(await _auditor.EntriesAsync("job.canceled", jobId));
        Assert.Equal(approval.GetProperty("sequence").GetInt64() + 1, canceled.GetProperty("sequence").GetInt64());
        Assert.Equal("acme-operator", canceled.GetProperty("actorId").GetString());
        Assert.Equal("CHG-42", canceled.GetProperty("operatorTicket").GetString());
        Assert.Equal("duplicate", canceled.GetProperty("comment").GetString());
        Assert.Equal("acme-operator", canceled.GetProperty("requestedBy").GetString());
        Assert.Equal(["acme-approver"], canceled.GetProperty("approvers").Names());
        Assert.Equal(approvalId, canceled.GetProperty("approvalId").GetString());
        Assert.False(canceled.TryGetProperty("batchId", out _));

        var (_, verify) = await _auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    [Fact]
    public async Task TheRequester_CannotApproveTheirOwnRequest_AsAClient_AndTheRefusalIsRecorded()
    {
        var admin = fixture.Api.ClientFor(TestClient.Admin, "orch:read orch:operate orch:approve", ("operator_reason", "both hats"), ("operator_ticket", "CHG-7"));
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());
        var approvalId = await admin.RequestAsync($"/api/v1/jobs/{jobId}/cancel");

        var (status, problem) = await admin.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        problem.AssertProblem("urn:jobengine:problem:forbidden");
        var (_, request) = await _approver.GetJsonAsync($"/api/v1/approvals/{approvalId}");
        Assert.Equal("Pending", request.GetProperty("status").GetString());
        Assert.Empty(request.GetProperty("approvers").EnumerateArray());
        var denied = Assert.Single(await _auditor.EntriesAsync("operator.action.denied", approvalId));
        Assert.Equal("acme-admin", denied.GetProperty("actorId").GetString());
        Assert.Empty(await _auditor.EntriesAsync("approval.approved", approvalId));
    }

    [Fact]
    public async Task TheRequester_CannotApproveTheirOwnRequest_AsAPerson_ButAnotherApproverCan()
    {
        var flow = new DeviceFlow(fixture.Api.App.CreateClient(), fixture.Api.App.CreateClient());
        var codes = await flow.StartOperatorAsync("orch:read orch:operate orch:approve", ("tenant", "acme"));
        await flow.ApproveAsync(codes.UserCode, TestUser.TwoTenants);
        var margaret = fixture.Api.WithToken((await flow.PollUntilDoneAsync(codes.DeviceCode, TimeSpan.FromSeconds(1))).AccessToken);
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());
        var approvalId = await margaret.RequestAsync($"/api/v1/jobs/{jobId}/cancel");

        var (own, problem) = await margaret.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");
        var (other, _) = await _approver.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");

        Assert.Equal(HttpStatusCode.Forbidden, own);
        problem.AssertProblem("urn:jobengine:problem:forbidden");
        Assert.Equal(HttpStatusCode.OK, other);
        var canceled = Assert.Single(await _auditor.EntriesAsync("job.canceled", jobId));
        Assert.Equal("margaret", canceled.GetProperty("actorId").GetString());
        Assert.Equal("user", canceled.GetProperty("actorType").GetString());
        Assert.Equal("margaret", canceled.GetProperty("requestedBy").GetString());
        Assert.Equal(["acme-approver"], canceled.GetProperty("approvers").Names());
    }

    [Fact]
    public async Task TwoApprovalsFromOneIdentity_CountOnce_AndTheActionWaitsForTheSecondPerson()
    {
        var jobType = ApiCalls.NewJobType();
        var approvalId = await _operator.RequestAsync($"/api/v1/job-types/{jobType}/pause");

        var (first, once) = await _approver.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");
        var (again, problem) = await _approver.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal("Pending", once.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again);
        problem.AssertProblem("urn:jobengine:problem:conflict");
        Assert.Empty(await _auditor.EntriesAsync("jobtype.paused", jobType));

        var (second, approved) = await _secondApprover.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");

        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal(["acme-approver", "acme-approver-2"], approved.GetProperty("approvers").Names());
        Assert.Equal(2, (await _auditor.EntriesAsync("approval.approved", approvalId)).Count);
        var paused = Assert.Single(await _auditor.EntriesAsync("jobtype.paused", jobType));
        Assert.Equal(["acme-approver", "acme-approver-2"], paused.GetProperty("approvers").Names());
        Assert.Equal("acme-operator", paused.GetProperty("requestedBy").GetString());
    }

    [Fact]
    public async Task AnExpiredRequest_IsRefused_AndRecordedExpiredExactlyOnce()
    {
        var jobType = ApiCalls.NewJobType();
        var approvalId = await _operator.RequestAsync($"/api/v1/job-types/{jobType}/resume");
        await Task.Delay(ApprovalFixture.ShortExpiry + TimeSpan.FromMilliseconds(300));

        var (status, problem) = await _approver.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");
        var (again, _) = await _secondApprover.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");
        var (_, request) = await _approver.GetJsonAsync($"/api/v1/approvals/{approvalId}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        problem.AssertProblem("urn:jobengine:problem:conflict");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("Expired", request.GetProperty("status").GetString());
        var expired = Assert.Single(await _auditor.EntriesAsync("approval.expired", approvalId));
        Assert.Equal("system", expired.GetProperty("actorType").GetString());
        Assert.Empty(await _auditor.EntriesAsync("approval.approved", approvalId));
        Assert.Empty(await _auditor.EntriesAsync("jobtype.resumed", jobType));
    }

    [Fact]
    public async Task AnApprovedActionThatNoLongerHolds_IsRefusedAsTheActionWouldBe_AndChangesNothing()
    {
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType);
        var lease = (await _worker.LeaseAsync(jobType))!.Value;
        var approvalId = await _operator.RequestAsync($"/api/v1/jobs/{lease.JobId}/cancel");
        await _worker.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/complete", new { leaseId = lease.LeaseId });

        var (status, problem) = await _approver.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");

        Assert.Equal(HttpStatusCode.Conflict, status);
        problem.AssertProblem("urn:jobengine:problem:conflict");
        Assert.Contains("Succeeded", problem.GetProperty("detail").GetString());
        var (_, request) = await _approver.GetJsonAsync($"/api/v1/approvals/{approvalId}");
        Assert.Equal("Pending", request.GetProperty("status").GetString());
        Assert.Empty(request.GetProperty("approvers").EnumerateArray());
        Assert.Empty(await _auditor.EntriesAsync("approval.approved", approvalId));
        Assert.Empty(await _auditor.EntriesAsync("job.canceled", lease.JobId));
    }

    [Fact]
    public async Task ApprovalsOfOneTenant_AreInvisibleToAnother()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());
        var approvalId = await _operator.RequestAsync($"/api/v1/jobs/{jobId}/cancel");
        var globex = fixture.Approver(TestClient.GlobexApprover);

        var (read, _) = await globex.GetJsonAsync($"/api/v1/approvals/{approvalId}");
        var (approve, _) = await globex.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");
        var (_, list) = await globex.GetJsonAsync("/api/v1/approvals?limit=500");
        var (_, ownList) = await _approver.GetJsonAsync("/api/v1/approvals?status=Pending&limit=500");

        Assert.Equal(HttpStatusCode.NotFound, read);
        Assert.Equal(HttpStatusCode.NotFound, approve);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), item => item.GetProperty("approvalId").GetString() == approvalId);
        Assert.Contains(ownList.GetProperty("items").EnumerateArray(), item => item.GetProperty("approvalId").GetString() == approvalId);
        Assert.Equal("Pending", (await _approver.GetJsonAsync($"/api/v1/approvals/{approvalId}")).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ARejection_EndsTheRequest_AndOnlyTheRequesterWithdraws()
    {
        var rejectedId = await _operator.RequestAsync($"/api/v1/jobs/{await _submitter.SubmitAsync(ApiCalls.NewJobType())}/cancel");
        var withdrawnId = await _operator.RequestAsync($"/api/v1/jobs/{await _submitter.SubmitAsync(ApiCalls.NewJobType())}/cancel");
        var otherOperator = fixture.Api.OperatorFor(TestClient.Admin);

        var (rejected, rejection) = await _approver.PostJsonAsync($"/api/v1/approvals/{rejectedId}/reject", new { comment = "not during the freeze" });
        var (approveLater, _) = await _secondApprover.PostJsonAsync($"/api/v1/approvals/{rejectedId}/approve");
        var (foreign, _) = await otherOperator.PostJsonAsync($"/api/v1/approvals/{withdrawnId}/withdraw");
        var (withdrawn, withdrawal) = await _operator.PostJsonAsync($"/api/v1/approvals/{withdrawnId}/withdraw");

        Assert.Equal(HttpStatusCode.OK, rejected);
        Assert.Equal("Rejected", rejection.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, approveLater);
        Assert.Equal("not during the freeze", Assert.Single(await _auditor.EntriesAsync("approval.rejected", rejectedId)).GetProperty("comment").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal(HttpStatusCode.OK, withdrawn);
        Assert.Equal("Withdrawn", withdrawal.GetProperty("status").GetString());
        Assert.Equal("acme-operator", Assert.Single(await _auditor.EntriesAsync("approval.withdrawn", withdrawnId)).GetProperty("actorId").GetString());
    }

    [Fact]
    public async Task AnotherTenantWithoutAPolicy_ActsAtOnce_AndItsEntriesHaveNoApprovalMembers()
    {
        var jobId = await fixture.Api.ClientFor(TestClient.GlobexSubmitter, "orch:submit").SubmitAsync(ApiCalls.NewJobType());
        var globexOperator = fixture.Api.OperatorFor(TestClient.GlobexOperator);

        var (status, _) = await globexOperator.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");

        Assert.Equal(HttpStatusCode.OK, status);
        var globexAuditor = fixture.Api.ClientFor(TestClient.GlobexAuditor, "orch:read orch:audit");
        var entry = Assert.Single(await globexAuditor.EntriesAsync("job.canceled", jobId));
        foreach (var added in new[] { "approvalId", "requestedBy", "approvers", "batchId" })
        {
            Assert.False(entry.TryGetProperty(added, out _), $"{added} should be omitted: {entry}");
        }
    }

    [Fact]
    public async Task ABulkCancelUnderAPolicy_RunsWhenApproved_AndEveryEntryNamesTheBatchRequesterAndApprover()
    {
        var jobType = ApiCalls.NewJobType();
        var jobs = new[] { await _submitter.SubmitAsync(jobType), await _submitter.SubmitAsync(jobType), await _submitter.SubmitAsync(jobType) };
        var approvalId = await _operator.RequestAsync("/api/v1/jobs/bulk-cancel", new { jobType, max = 3 });
        Assert.Equal("Pending", (await _submitter.GetJsonAsync($"/api/v1/jobs/{jobs[0]}")).Body.GetProperty("status").GetString());

        var (status, _) = await _approver.PostJsonAsync($"/api/v1/approvals/{approvalId}/approve");

        Assert.Equal(HttpStatusCode.OK, status);
        var export = await _auditor.ExportAsync();
        var canceled = export.Where(entry => entry["eventType"]!.GetValue<string>() == "job.canceled" && jobs.Contains(entry["resourceId"]!.GetValue<string>())).ToList();
        Assert.Equal(3, canceled.Count);
        var batchId = canceled[0]["batchId"]!.GetValue<string>();
        var summary = Assert.Single(export, entry => entry["eventType"]!.GetValue<string>() == "jobs.bulk-canceled" && entry["batchId"]?.GetValue<string>() == batchId);
        Assert.All([.. canceled, summary], entry =>
        {
            Assert.Equal(batchId, entry["batchId"]!.GetValue<string>());
            Assert.Equal(approvalId, entry["approvalId"]!.GetValue<string>());
            Assert.Equal("acme-operator", entry["requestedBy"]!.GetValue<string>());
            Assert.Equal("acme-approver", Assert.Single(entry["approvers"]!.AsArray())!.GetValue<string>());
        });
    }

    [Fact]
    public async Task AnApproverToken_NeedsItsOwnReasonAndTicket()
    {
        var refused = await fixture.Api.Tokens.RequestAsync(TestClient.Approver, "orch:read orch:approve", ("operator_ticket", "CHG-1"));

        refused.AssertRefused("invalid_request", "operator_reason");
    }
}
