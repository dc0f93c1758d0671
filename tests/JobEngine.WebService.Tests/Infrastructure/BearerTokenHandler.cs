using System.Net.Http.Headers;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>Attaches a token obtained from the real token endpoint to every request (after TodoApi's AuthHandler).</summary>
public sealed class BearerTokenHandler(Func<Task<string>> acquire) : DelegatingHandler
{
    private string? _token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _token ??= await acquire();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return await base.SendAsync(request, cancellationToken);
    }
}
