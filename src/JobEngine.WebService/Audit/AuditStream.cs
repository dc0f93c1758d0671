using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using JobEngine.Core.Audit;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.Features;

namespace JobEngine.WebService.Audit;

/// <summary>
/// Writes a tenant's ledger as Server-Sent Events: every entry after a sequence, in order, then
/// each new one as it commits. An <c>entry</c> event's <c>id</c> is its sequence, so a client
/// resumes with <c>Last-Event-ID</c>; its data is the entry as the API serves it.
/// </summary>
internal sealed class AuditStream(HttpContext http, IAuditRepository ledger, CommitSignal commits, TimeProvider time)
{
    private const int PageSize = 256;

    /// <summary>Comments keep proxies from closing an idle connection; EventSource clients ignore them.</summary>
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    /// <summary>Entries committed by other processes are found by polling at this pace; this process's own wake the stream at once.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Streams until the client leaves or its token expires (a stream never outlives the access that
    /// opened it; the client reconnects with a fresh token and <c>Last-Event-ID</c>).
    /// </summary>
    public async Task RunAsync(string tenantId, long afterSequence, DateTimeOffset? tokenExpires, CancellationToken cancellationToken)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var body = http.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body, Json);

        var last = afterSequence;
        var caughtUp = false;
        var heartbeatDue = time.GetUtcNow() + HeartbeatInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Taken before the read, so a commit between the read and the wait is not missed.
            var nextCommit = commits.Next;
            var page = await ledger.QueryAsync(tenantId, new AuditQuery(), last, PageSize, cancellationToken);
            foreach (var entry in page)
            {
                // Sequences commit in order per tenant; should one ever be missing, wait for it rather than skip it.
                if (entry.Sequence != last + 1)
                {
                    break;
                }

                Write(json, body, entry);
                last = entry.Sequence;
            }

            if (page.Count == PageSize && page[^1].Sequence == last)
            {
                await body.FlushAsync(cancellationToken);
                continue;
            }

            if (!caughtUp)
            {
                // Tells a client reading history where it ends; not an event, so EventSource never sees it.
                body.Write(": caught-up\n\n"u8);
                caughtUp = true;
            }

            await body.FlushAsync(cancellationToken);
            var now = time.GetUtcNow();
            if (tokenExpires is { } expires && now >= expires)
            {
                return;
            }

            if (now >= heartbeatDue)
            {
                body.Write(": heartbeat\n\n"u8);
                await body.FlushAsync(cancellationToken);
                heartbeatDue = now + HeartbeatInterval;
            }

            var wait = PollInterval;
            if (tokenExpires is { } expiry && expiry - now < wait)
            {
                wait = expiry - now;
            }

            await Task.WhenAny(nextCommit, Task.Delay(wait, time, cancellationToken));
        }
    }

    private static void Write(Utf8JsonWriter json, PipeWriter body, AuditEntry entry)
    {
        body.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {entry.Sequence}\nevent: entry\ndata: ")));
        AuditEntryJson.Write(json, entry);
        json.Flush();
        json.Reset();
        body.Write("\n\n"u8);
    }
}
