using JobEngine.Authority.People;
using JobEngine.Authority.Upstream;
using Microsoft.AspNetCore.Http.Extensions;

namespace JobEngine.WebService.Pages.Connect;

/// <summary>
/// What a sign-in page offers besides a password: a button per upstream provider, which brings the
/// person back to <see cref="ReturnUrl"/>; and, once one vouched for them, that person.
/// </summary>
public sealed record UpstreamChoice(IReadOnlyList<string> Providers, string ReturnUrl, Person? Person)
{
    public static async Task<UpstreamChoice> LoadAsync(UpstreamSignIn upstream, HttpContext http, string path, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var returnUrl = path + new QueryBuilder(parameters).ToQueryString();
        return new(upstream.Providers, returnUrl, await UpstreamSignIn.CurrentAsync(http, returnUrl));
    }
}
