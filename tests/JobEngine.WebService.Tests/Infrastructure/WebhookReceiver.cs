using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// A SIEM's webhook on a real port, as its docs would have one written: it checks each batch's
/// HMAC-SHA256 signature with the shared secret before it keeps the entries, and can be taken
/// down (503) and brought back.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "a-webhook-secret-of-at-least-32-characters";
    private WebApplication? _app;
    private int _badSignatures;

    /// <summary>Every entry kept, in the order the batches arrived.</summary>
    public ConcurrentQueue<JsonObject> Entries { get; } = [];

    public int BadSignatures => _badSignatures;

    /// <summary>While true, every batch is answered 503 and kept nowhere.</summary>
    public bool Down { get; set; }

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        (receiver._app, var address) = await LoopbackServer.StartAsync(app => app.MapPost("/hook", receiver.ReceiveAsync));
        receiver.Url = address + "/hook";
        return receiver;
    }

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        if (Down)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Headers["X-JobEngine-Signature"].ToString())))
        {
            Interlocked.Increment(ref _badSignatures);
            return Results.Unauthorized();
        }

        foreach (var entry in JsonNode.Parse(body)!.AsArray())
        {
            Entries.Enqueue(entry!.AsObject());
        }

        return Results.Ok();
    }
}
