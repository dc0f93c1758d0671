using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using JobEngine.Core.Audit;

namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>
/// POSTs each batch as a JSON array, signed with <c>X-JobEngine-Signature: sha256=&lt;hex HMAC-SHA256
/// of the body&gt;</c> so the receiver knows it came from JobEngine unchanged. Any 2xx acknowledges.
/// </summary>
internal sealed class WebhookSink(HttpClient http, Uri url, byte[] secret, SinkFormat format, IReadOnlyCollection<string> tenants) : ISink
{
    public const string SignatureHeader = "X-JobEngine-Signature";

    public string Id { get; } = IdOf(url);

    public IReadOnlyCollection<string> Tenants { get; } = tenants;

    public async Task DeliverAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var body = SinkPayload.Array(entries, format);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(SignatureHeader, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body)));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SinkFailedException($"{Id} answered {(int)response.StatusCode}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SinkFailedException($"{Id} could not be reached: {exception.Message}", exception);
        }
    }

    public static byte[] Key(string secret) => Encoding.UTF8.GetBytes(secret);

    /// <summary>
    /// The sink's id, shown in health, metrics and logs: scheme and host, and a digest of the whole
    /// URL instead of its path and query, which intake services use to carry their tokens.
    /// </summary>
    public static string IdOf(Uri url) =>
        $"webhook {url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)} #{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri)))[..12]}";
}
