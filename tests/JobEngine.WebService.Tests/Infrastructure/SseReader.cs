using System.Text;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>One Server-Sent Events message: an event (id, type, data) or a block of comments only.</summary>
public sealed record SseMessage(string? Id, string? Event, string? Data, IReadOnlyList<string> Comments)
{
    public bool IsEvent => Data is not null;
}

/// <summary>Reads Server-Sent Events off a response body the way the format defines them (lines, blank-line separated).</summary>
public sealed class SseReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>The next message, or null when the server ended the stream; fails after <paramref name="timeout"/>.</summary>
    public async Task<SseMessage?> NextAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        string? id = null, type = null;
        StringBuilder? data = null;
        var comments = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(deadline.Token);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (data is not null || comments.Count > 0)
                {
                    return new SseMessage(id, type, data?.ToString(), comments);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                comments.Add(line[1..].Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = data is null ? new StringBuilder(value) : data.Append('\n').Append(value); break;
            }
        }
    }

    /// <summary>The next event, skipping comments (heartbeats and the end-of-history marker).</summary>
    public async Task<SseMessage> NextEventAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var message = await NextAsync(until - DateTime.UtcNow) ?? throw new InvalidOperationException("The stream ended.");
            if (message.IsEvent)
            {
                return message;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
