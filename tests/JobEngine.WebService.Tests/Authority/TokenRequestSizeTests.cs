using System.Net;
using System.Text;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Authority;

/// <summary>A token request body over 64 KB is refused with an OAuth error before it is read; one just under still works.</summary>
public sealed class TokenRequestSizeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ABodyDeclaredOver64KB_Is413WithAnOAuthError()
    {
        using var response = await fixture.App.CreateClient().PostAsync("/connect/token", Form(padding: 70 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Contains("64 KB", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task ABodyJustUnder64KB_IsReadAsUsual()
    {
        using var response = await fixture.App.CreateClient().PostAsync("/connect/token", Form(padding: 60 * 1024));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A valid viewer token request with an unknown parameter of <paramref name="padding"/> bytes.</summary>
    private static ByteArrayContent Form(int padding)
    {
        var viewer = TestClient.Viewer;
        var form = $"grant_type=client_credentials&client_id={viewer.ClientId}&client_secret={viewer.Secret}&scope=orch%3Aread&padding={new string('x', padding)}";
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(form));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return content;
    }
}
