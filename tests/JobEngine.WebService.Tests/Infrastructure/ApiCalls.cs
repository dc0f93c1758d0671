using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>Short forms of the API calls the tests make, returning status and body.</summary>
public static class ApiCalls
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(
        this HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(this HttpClient http, string path, object? body = null) =>
        http.SendJsonAsync(HttpMethod.Post, path, body);

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient http, string path) =>
        http.SendJsonAsync(HttpMethod.Get, path);

    public static async Task<string> SubmitAsync(this HttpClient submitter, string jobType, object? payload = null, int priority = 0, string? notBefore = null)
    {
        var (status, body) = await submitter.PostJsonAsync("/api/v1/jobs", new { jobType, payload, priority, notBefore });
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("jobId").GetString()!;
    }

    public static async Task<(string JobId, string LeaseId)?> LeaseAsync(this HttpClient worker, string jobType, string workerId = "worker-1", int leaseSeconds = 60)
    {
        var (status, body) = await worker.PostJsonAsync("/api/v1/workers/lease", new { workerId, jobTypes = new[] { jobType }, leaseSeconds });
        if (status == HttpStatusCode.NoContent)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, status);
        return (body.GetProperty("job").GetProperty("jobId").GetString()!, body.GetProperty("leaseId").GetString()!);
    }

    public static void AssertProblem(this JsonElement body, string type, string? field = null)
    {
        Assert.Equal(type, body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
        if (field is not null)
        {
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"the problem should name '{field}': {body}");
        }
    }

    public static string NewJobType() => "type-" + Guid.NewGuid().ToString("N")[..12];
}
