using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace JobEngine.Cli.Tests;

public sealed class UserCommandTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly CliHarness _cli = new(fixture);

    [Fact]
    public async Task HashPassword_PrintsAnIdentityHashOfThePasswordOnStandardInput_AndNeverThePassword()
    {
        _cli.Input = "correct horse battery staple\n";

        var result = await _cli.RunAsync("users", "hash-password");

        Assert.Equal(0, result.ExitCode);
        var hash = result.Output.Trim();
        Assert.Equal(PasswordVerificationResult.Success,
            new PasswordHasher<object>().VerifyHashedPassword(new object(), hash, "correct horse battery staple"));
        Assert.Equal(1, Convert.FromBase64String(hash)[0]);
        Assert.DoesNotContain("correct horse", _cli.AllOutput);
    }

    [Fact]
    public async Task HashPassword_RefusesAShortPassword()
    {
        _cli.Input = "short\n";

        var result = await _cli.RunAsync("users", "hash-password");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("at least 12 characters", result.Error);
        Assert.Equal("", result.Output);
    }

    public void Dispose() => _cli.Dispose();
}
