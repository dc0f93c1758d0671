using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using JobEngine.Core.Protocol;

namespace JobEngine.Client;

/// <summary>
/// Typed access to the JobEngine API (<c>/api/v1</c>). The <see cref="HttpClient"/> carries the
/// base address and the bearer token; every problem answer surfaces as a
/// <see cref="JobEngineProblemException"/>.
/// </summary>
public sealed class JobEngineClient(HttpClient http)
{
    private static readonly string Api = WireNames.Routes.Api.TrimStart('/') + "/";

    public Task<Job> SubmitJobAsync(JobSubmission submission, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "jobs", JsonContent.Create(submission, ClientJsonContext.Default.JobSubmission), ClientJsonContext.Default.Job, cancellationToken);

    public Task<Page<Job>> ListJobsAsync(string? status = null, string? jobType = null, int? limit = null, string? cursor = null,
        CancellationToken cancellationToken = default) =>
        GetAsync(Query("jobs", ("status", status), ("jobType", jobType), ("limit", Format(limit)), ("cursor", cursor)),
            ClientJsonContext.Default.PageJob, cancellationToken);

    public Task<Job> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        GetAsync($"jobs/{jobId}", ClientJsonContext.Default.Job, cancellationToken);

    public Task<Job> CancelJobAsync(Guid jobId, string? comment = null, CancellationToken cancellationToken = default) =>
        ActAsync($"jobs/{jobId}/cancel", comment, ClientJsonContext.Default.Job, cancellationToken);

    public Task<Job> RetryJobAsync(Guid jobId, string? comment = null, CancellationToken cancellationToken = default) =>
        ActAsync($"jobs/{jobId}/retry", comment, ClientJsonContext.Default.Job, cancellationToken);

    /// <summary>Leases the best available job of <paramref name="jobTypes"/>, or null when none is available.</summary>
    public async Task<Lease?> LeaseAsync(string workerId, string[] jobTypes, int? leaseSeconds = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync(Api + "workers/lease",
            JsonContent.Create(new LeaseBody(workerId, jobTypes, leaseSeconds), ClientJsonContext.Default.LeaseBody), cancellationToken);
        return response.StatusCode == HttpStatusCode.NoContent ? null : await ReadAsync(response, ClientJsonContext.Default.Lease, cancellationToken);
    }

    public Task<Job> CompleteJobAsync(Guid jobId, Guid leaseId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"jobs/{jobId}/complete", JsonContent.Create(new LeaseIdBody(leaseId), ClientJsonContext.Default.LeaseIdBody),
            ClientJsonContext.Default.Job, cancellationToken);

    public Task<JobTypeState> PauseJobTypeAsync(string jobType, string? comment = null, CancellationToken cancellationToken = default) =>
        ActAsync($"job-types/{Uri.EscapeDataString(jobType)}/pause", comment, ClientJsonContext.Default.JobTypeState, cancellationToken);

    public Task<JobTypeState> ResumeJobTypeAsync(string jobType, string? comment = null, CancellationToken cancellationToken = default) =>
        ActAsync($"job-types/{Uri.EscapeDataString(jobType)}/resume", comment, ClientJsonContext.Default.JobTypeState, cancellationToken);

    public Task<Page<Quota>> ListQuotasAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        GetAsync(Query("quotas", ("limit", Format(limit)), ("cursor", cursor)), ClientJsonContext.Default.PageQuota, cancellationToken);

    public Task<Quota> GetQuotaAsync(string jobType, CancellationToken cancellationToken = default) =>
        GetAsync($"quotas/{Uri.EscapeDataString(jobType)}", ClientJsonContext.Default.Quota, cancellationToken);

    public Task<Quota> SetQuotaAsync(string jobType, int maxActive, int maxPerHour, string? comment = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"quotas/{Uri.EscapeDataString(jobType)}",
            JsonContent.Create(new SetQuotaBody(maxActive, maxPerHour, comment), ClientJsonContext.Default.SetQuotaBody),
            ClientJsonContext.Default.Quota, cancellationToken);

    public Task<Quota> PauseQuotaAsync(string jobType, string? comment = null, CancellationToken cancellationToken = default) =>
        ActAsync($"quotas/{Uri.EscapeDataString(jobType)}/pause", comment, ClientJsonContext.Default.Quota, cancellationToken);

    public Task<Quota> ResumeQuotaAsync(string jobType, string? comment = null, CancellationToken cancellationToken = default) =>
        ActAsync($"quotas/{Uri.EscapeDataString(jobType)}/resume", comment, ClientJsonContext.Default.Quota, cancellationToken);

    /// <summary>One page of audit entries, each exactly as served (so it can be hashed); oldest first unless <paramref name="newestFirst"/>.</summary>
    public Task<Page<JsonObject>> ListAuditAsync(AuditFilter filter, int? limit = null, string? cursor = null, bool newestFirst = false,
        CancellationToken cancellationToken = default) =>
        GetAsync(Query("audit", [.. FilterParameters(filter),
                ("order", newestFirst ? "desc" : null), ("limit", Format(limit)), ("cursor", cursor)]),
            ClientJsonContext.Default.PageJsonObject, cancellationToken);

    public Task<JsonObject> GetAuditEntryAsync(Guid entryId, CancellationToken cancellationToken = default) =>
        GetAsync($"audit/{entryId}", ClientJsonContext.Default.JsonObject, cancellationToken);

    public Task<AuditVerification> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        GetAsync("audit/verify", ClientJsonContext.Default.AuditVerification, cancellationToken);

    /// <summary>The verifier key the server's checkpoints are signed with (<c>&lt;name&gt;+&lt;hash&gt;+&lt;key&gt;</c>); served to anyone.</summary>
    public async Task<string> GetCheckpointKeyAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(Api + "audit/checkpoint-key", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>The tenant's newest signed checkpoint, or null when none has been signed yet.</summary>
    public async Task<AuditCheckpoint?> GetNewestCheckpointAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(Api + "audit/checkpoint", cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await ReadAsync(response, ClientJsonContext.Default.AuditCheckpoint, cancellationToken);
    }

    public Task<CheckpointPage> ListCheckpointsAsync(long? fromSize = null, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync(Query("audit/checkpoints", ("fromSize", Format(fromSize)), ("limit", Format(limit))), ClientJsonContext.Default.CheckpointPage, cancellationToken);

    /// <summary>Has the server sign its tree now (or returns the checkpoint of the current size when there is one).</summary>
    public async Task<AuditCheckpoint> SignCheckpointAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync(Api + "audit/checkpoints", content: null, cancellationToken);
        return await ReadAsync(response, ClientJsonContext.Default.AuditCheckpoint, cancellationToken);
    }

    /// <summary>The inclusion proof of an entry in the tree of <paramref name="treeSize"/> leaves (the newest checkpoint's size when null).</summary>
    public Task<InclusionProof> GetInclusionProofAsync(Guid entryId, long? treeSize = null, CancellationToken cancellationToken = default) =>
        GetAsync(Query($"audit/{entryId}/proof", ("treeSize", Format(treeSize))), ClientJsonContext.Default.InclusionProof, cancellationToken);

    public Task<ConsistencyProof> GetConsistencyProofAsync(long first, long second, CancellationToken cancellationToken = default) =>
        GetAsync(Query("audit/consistency", ("first", Format(first)), ("second", Format(second))), ClientJsonContext.Default.ConsistencyProof, cancellationToken);

    /// <summary>Copies the NDJSON export (every entry, or those <paramref name="filter"/> selects) to <paramref name="destination"/> as it streams, reporting bytes copied.</summary>
    public async Task ExportAuditAsync(Stream destination, IProgress<long>? bytesCopied = null, AuditFilter? filter = null,
        CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(Api + Query("audit/export", FilterParameters(filter ?? new AuditFilter())),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
            bytesCopied?.Report(total);
        }
    }

    /// <summary>
    /// Follows the tenant's ledger from after <paramref name="afterSequence"/>: its history, a
    /// <see cref="AuditStreamItem.CaughtUp"/>, then entries as they commit, until the server ends
    /// the stream (the token expired) or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async IAsyncEnumerable<AuditStreamItem> StreamAuditAsync(long afterSequence,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(Api + Query("audit/stream", ("afterSequence", Format(afterSequence))),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in AuditStreamReader.ReadAsync(body, cancellationToken))
        {
            yield return item;
        }
    }

    public Task<BulkCancel> BulkCancelJobsAsync(
        string? jobType, string? status, DateTimeOffset? submittedBefore, int max, string? comment = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "jobs/bulk-cancel",
            JsonContent.Create(new BulkCancelBody(jobType, status, submittedBefore, max, comment), ClientJsonContext.Default.BulkCancelBody),
            ClientJsonContext.Default.BulkCancel, cancellationToken);

    public Task<Page<ApprovalRequest>> ListApprovalsAsync(string? status = null, int? limit = null, string? cursor = null,
        CancellationToken cancellationToken = default) =>
        GetAsync(Query("approvals", ("status", status), ("limit", Format(limit)), ("cursor", cursor)),
            ClientJsonContext.Default.PageApprovalRequest, cancellationToken);

    public Task<ApprovalRequest> GetApprovalAsync(Guid approvalId, CancellationToken cancellationToken = default) =>
        GetAsync($"approvals/{approvalId}", ClientJsonContext.Default.ApprovalRequest, cancellationToken);

    /// <summary>approve, reject or withdraw (<paramref name="decision"/>) the request.</summary>
    public Task<ApprovalRequest> DecideApprovalAsync(Guid approvalId, string decision, string? comment = null, CancellationToken cancellationToken = default) =>
        ActAsync($"approvals/{approvalId}/{decision}", comment, ClientJsonContext.Default.ApprovalRequest, cancellationToken);

    private Task<T> ActAsync<T>(string path, string? comment, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, JsonContent.Create(new OperatorActionBody(comment), ClientJsonContext.Default.OperatorActionBody),
            type, cancellationToken);

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Api + path, cancellationToken);
        return await ReadAsync(response, type, cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Api + path) { Content = content };
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync(response, type, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted && typeof(T) != typeof(ApprovalRequest)
            && await response.Content.ReadFromJsonAsync(ClientJsonContext.Default.ApprovalRequest, cancellationToken) is { } held)
        {
            throw new ApprovalRequiredException(held);
        }

        return await response.Content.ReadFromJsonAsync(type, cancellationToken)
            ?? throw new JobEngineProblemException((int)response.StatusCode, null, "Empty answer", "The API answered without a body.", null);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        ProblemBody? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            problem = await response.Content.ReadFromJsonAsync(ClientJsonContext.Default.ProblemBody, cancellationToken);
        }

        throw new JobEngineProblemException((int)response.StatusCode, problem?.Type, problem?.Title ?? response.ReasonPhrase,
            problem?.Detail, problem?.Errors);
    }

    private static (string Name, string? Value)[] FilterParameters(AuditFilter filter) =>
    [
        ("eventType", filter.EventType), ("resourceType", filter.ResourceType), ("resourceId", filter.ResourceId),
        ("actorId", filter.ActorId), ("operatorTicket", filter.OperatorTicket),
        ("operatorTicketSystem", filter.OperatorTicketSystem), ("operatorReasonCode", filter.OperatorReasonCode),
        ("since", Format(filter.Since)), ("until", Format(filter.Until)),
    ];

    private static string Query(string path, params (string Name, string? Value)[] parameters)
    {
        var set = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? path : $"{path}?{string.Join('&', set)}";
    }

    private static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Format(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Format(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
