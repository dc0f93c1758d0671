using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using JobEngine.Core.Audit;

namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>
/// Sends each entry as an RFC 5424 message over TCP with octet counting (RFC 6587), optionally in
/// TLS (RFC 5425): facility 13 (log audit), the event type as MSGID, the tenant and sequence as
/// structured data, the entry's JSON as the message. A batch counts as delivered once it is
/// written and flushed to the connection: TCP syslog has no acknowledgement of its own. One
/// delivery loop per process uses a sink, so the connection is never shared.
/// </summary>
internal sealed class SyslogSink(string host, int port, bool tls, SinkFormat format, IReadOnlyCollection<string> tenants, TimeSpan timeout)
    : ISink, IDisposable
{
    private TcpClient? _client;
    private Stream? _stream;

    private const int AuditFacility = 13;

    /// <summary>RFC 5612's enterprise number for documentation, until JobEngine has one of its own.</summary>
    private const string StructuredDataId = "jobengine@32473";

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly string Hostname = Environment.MachineName is { Length: > 0 } name ? name : "-";

    public string Id { get; } = $"syslog {(tls ? "tls" : "tcp")}://{host}:{port}";

    public IReadOnlyCollection<string> Tenants { get; } = tenants;

    public async Task DeliverAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var stream = await ConnectionAsync(deadline.Token);
            foreach (var entry in entries)
            {
                await stream.WriteAsync(Frame(entry), deadline.Token);
            }

            await stream.FlushAsync(deadline.Token);
        }
        catch (Exception exception) when (exception is SocketException or IOException or System.Security.Authentication.AuthenticationException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Disconnect();
            throw new SinkFailedException($"{Id} could not be written: {exception.Message}", exception);
        }
    }

    public void Dispose() => Disconnect();

    /// <summary>
    /// One connection kept open across batches: a collector reads each connection in order, but
    /// not two connections in the order they were opened. A connection the collector closed
    /// (readable with nothing to read) is replaced before it swallows a batch.
    /// </summary>
    private async Task<Stream> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_client is { Connected: true } open && _stream is not null
            && !(open.Client.Poll(0, SelectMode.SelectRead) && open.Client.Available == 0))
        {
            return _stream;
        }

        Disconnect();
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
            Stream stream = client.GetStream();
            if (tls)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                await secure.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, cancellationToken);
                stream = secure;
            }

            (_client, _stream) = (client, stream);
            return stream;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Disconnect()
    {
        _stream?.Dispose();
        _client?.Dispose();
        (_client, _stream) = (null, null);
    }

    /// <summary>One message, prefixed with its length in bytes and a space.</summary>
    private byte[] Frame(AuditEntry entry)
    {
        var severity = RefusalEvents.Includes(entry.EventType) ? 4 : 6;
        var header = string.Create(CultureInfo.InvariantCulture,
            $"<{(AuditFacility * 8) + severity}>1 {entry.OccurredAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'} {Hostname} jobengine - {MessageId(entry.EventType)} " +
            $"[{StructuredDataId} tenant=\"{Escape(entry.TenantId)}\" sequence=\"{entry.Sequence}\" entryId=\"{entry.EntryId:D}\"] ");
        var body = SinkPayload.Lines([entry], format);
        var message = new byte[Encoding.UTF8.GetByteCount(header) + Bom.Length + body.Length - 1];
        var written = Encoding.UTF8.GetBytes(header, message);
        Bom.CopyTo(message, written);
        body.AsSpan(0, body.Length - 1).CopyTo(message.AsSpan(written + Bom.Length));
        return [.. Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " "), .. message];
    }

    /// <summary>MSGID is at most 32 printable ASCII characters.</summary>
    private static string MessageId(string eventType) => eventType.Length <= 32 ? eventType : eventType[..32];

    /// <summary>In a structured data value, '"', '\' and ']' are escaped with a backslash.</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}
