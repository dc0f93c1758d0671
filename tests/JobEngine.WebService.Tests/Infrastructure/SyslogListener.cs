using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// A syslog collector on a real TCP port that reads octet-counted frames (RFC 6587) and parses
/// each as an RFC 5424 message, as rsyslog's imtcp or syslog-ng would.
/// </summary>
public sealed partial class SyslogListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SyslogListener()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<SyslogMessage> Messages { get; } = [];

    /// <summary>Frames that were not valid RFC 5424 messages.</summary>
    public ConcurrentQueue<string> Malformed { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ReadAsync(client));
        }
    }

    private async Task ReadAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            while (await ReadLengthAsync(stream) is { } length)
            {
                var frame = new byte[length];
                await stream.ReadExactlyAsync(frame);
                var text = Encoding.UTF8.GetString(frame);
                var match = Rfc5424().Match(text);
                if (match.Success)
                {
                    Messages.Enqueue(new SyslogMessage(
                        int.Parse(match.Groups["pri"].Value, CultureInfo.InvariantCulture), match.Groups["msgid"].Value,
                        match.Groups["tenant"].Value, long.Parse(match.Groups["sequence"].Value, CultureInfo.InvariantCulture),
                        match.Groups["msg"].Value.TrimStart('\uFEFF')));
                }
                else
                {
                    Malformed.Enqueue(text);
                }
            }
        }
    }

    private static async Task<int?> ReadLengthAsync(Stream stream)
    {
        var digits = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == (byte)' ')
            {
                return int.Parse(digits.ToString(), CultureInfo.InvariantCulture);
            }

            digits.Append((char)one[0]);
        }

        return null;
    }

    [GeneratedRegex("""^<(?<pri>\d{1,3})>1 \S+ \S+ jobengine - (?<msgid>\S{1,32}) \[jobengine@32473 tenant="(?<tenant>[^"]*)" sequence="(?<sequence>\d+)" entryId="[0-9a-f-]{36}"\] (?<msg>.*)$""", RegexOptions.Singleline)]
    private static partial Regex Rfc5424();
}

public sealed record SyslogMessage(int Priority, string MessageId, string Tenant, long Sequence, string Message);
