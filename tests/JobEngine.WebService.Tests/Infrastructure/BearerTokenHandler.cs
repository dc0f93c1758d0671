using System.Net.Http.Headers;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>Attaches a token obtained from the real token endpoint to every request (after TodoApi's AuthHandler).</summary>
public sealed class BearerTokenHandler(Func<Task<string>> acquire) : DelegatingHandler
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private string? _token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Concurrent first requests share one token, as a real client would.
        if (_token is null)
        {
            await _once.WaitAsync(cancellationToken);
            try
            {
                _token ??= await acquire();
            }
            finally
            {
                _once.Release();
            }
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return await base.SendAsync(request, cancellationToken);
    }
}
