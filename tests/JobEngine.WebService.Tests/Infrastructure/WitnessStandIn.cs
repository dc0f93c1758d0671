using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// An HTTP witness on a real port: it keeps every note posted to it, and can be made to hang
/// (until <see cref="Answer"/>) or to fail its next requests with 503, as a witness that is down would.
/// </summary>
public sealed class WitnessStandIn : IAsyncDisposable
{
    private WebApplication? _app;
    private readonly TaskCompletionSource _answering = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failures;

    public ConcurrentQueue<string> Notes { get; } = [];

    /// <summary>Requests received, kept or not.</summary>
    public int Requests => _requests;

    private int _requests;

    public string Url { get; private set; } = "";

    /// <summary>Starts a witness that answers at once, or, when <paramref name="hang"/>, only after <see cref="Answer"/>.</summary>
    public static async Task<WitnessStandIn> StartAsync(bool hang = false, int failFirst = 0)
    {
        var witness = new WitnessStandIn { _failures = failFirst };
        if (!hang)
        {
            witness.Answer();
        }

        (witness._app, var address) = await LoopbackServer.StartAsync(app => app.MapPost("/witness", witness.KeepAsync));
        witness.Url = address + "/witness";
        return witness;
    }

    public void Answer() => _answering.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Answer();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> KeepAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        await _answering.Task;
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        if (request.ContentType?.StartsWith("text/plain", StringComparison.Ordinal) != true)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        using var reader = new StreamReader(request.Body);
        Notes.Enqueue(await reader.ReadToEndAsync());
        return Results.Ok();
    }
}
