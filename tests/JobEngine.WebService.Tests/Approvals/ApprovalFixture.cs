using System.Net;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Approvals;

/// <summary>
/// A host whose acme tenant holds some actions for approval: cancel (one approver), job type
/// pause (two), job type resume (expiring in two seconds) and bulk cancel (one). Other tenants act at once.
/// </summary>
public sealed class ApprovalFixture : IAsyncLifetime
{
    public static readonly TimeSpan ShortExpiry = TimeSpan.FromSeconds(2);

    public ApiFixture Api { get; } = ApiFixture.With(new Dictionary<string, string?>(TestUser.Settings())
    {
        ["JobEngine:Authority:DevicePollingInterval"] = "00:00:01",
        ["JobEngine:Approvals:Policies:0:Action"] = "job.cancel",
        ["JobEngine:Approvals:Policies:0:Tenants:0"] = "acme",
        ["JobEngine:Approvals:Policies:1:Action"] = "jobtype.pause",
        ["JobEngine:Approvals:Policies:1:Tenants:0"] = "acme",
        ["JobEngine:Approvals:Policies:1:MinimumApprovers"] = "2",
        ["JobEngine:Approvals:Policies:2:Action"] = "jobtype.resume",
        ["JobEngine:Approvals:Policies:2:Tenants:0"] = "acme",
        ["JobEngine:Approvals:Policies:2:ExpiresAfter"] = ShortExpiry.ToString("c"),
        ["JobEngine:Approvals:Policies:3:Action"] = "jobs.bulk-cancel",
        ["JobEngine:Approvals:Policies:3:Tenants:0"] = "acme",
    });

    public HttpClient Approver(TestClient client, string reason = "second pair of eyes", string ticket = "CHG-900") =>
        Api.ClientFor(client, "orch:read orch:approve", ("operator_reason", reason), ("operator_ticket", ticket));

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => Api.DisposeAsync();
}

public static class ApprovalCalls
{
    /// <summary>The entries of one event type on one resource, in order.</summary>
    public static async Task<List<JsonElement>> EntriesAsync(this HttpClient auditor, string eventType, string resourceId)
    {
        var (status, body) = await auditor.GetJsonAsync($"/api/v1/audit?eventType={eventType}&resourceId={resourceId}");
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Asks for an action a policy holds: 202, naming the request it created.</summary>
    public static async Task<string> RequestAsync(this HttpClient requester, string path, object? body = null)
    {
        var (status, request) = await requester.PostJsonAsync(path, body);
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {request}");
        Assert.Equal("Pending", request.GetProperty("status").GetString());
        return request.GetProperty("approvalId").GetString()!;
    }

    public static string[] Names(this JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];
}
