using System.Net;
using System.Text;

namespace JobEngine.Infrastructure.Ledger.Witnesses;

/// <summary>
/// A witness reached over HTTP: each checkpoint note is posted as <c>text/plain</c>. Any 2xx keeps
/// it; a timeout, 408, 429 or 5xx is retried later; any other answer refuses that note for good.
/// </summary>
public sealed class HttpWitness(Uri url, HttpClient http) : IWitness
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public string Name => url.GetLeftPart(UriPartial.Path);

    public async Task<WitnessAnswer> DeliverAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var content = new StringContent(checkpoint.Note, Encoding.UTF8, "text/plain");
        try
        {
            using var response = await http.PostAsync(url, content, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return WitnessAnswer.Kept;
            }

            return Retried(response.StatusCode)
                ? throw new HttpRequestException($"{Name} answered {(int)response.StatusCode}.", null, response.StatusCode)
                : WitnessAnswer.Refused;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not answer within {Timeout.TotalSeconds} seconds.");
        }
    }

    private static bool Retried(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
