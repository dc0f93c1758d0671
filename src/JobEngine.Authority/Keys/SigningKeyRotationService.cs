using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.Keys;

/// <summary>
/// Rotates the signing keys kept in the store and picks up keys other processes made: often
/// enough that every process publishes a new key long before it signs. Idle when the signing key
/// comes from a file.
/// </summary>
internal sealed partial class SigningKeyRotationService(
    IServiceScopeFactory scopes,
    IOptions<AuthorityOptions> options,
    IOptionsMonitor<OpenIddictServerOptions> server,
    TimeProvider time,
    ILogger<SigningKeyRotationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SigningKeyFile is { Length: > 0 })
        {
            return;
        }

        var interval = CheckInterval(options.Value);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SigningKeyRotation>().RotateAsync(LongestTokenLifetime(server.CurrentValue), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRotationFailed(exception);
            }
        }
    }

    /// <summary>A quarter of the propagation time (of the lifetime when keys sign at once), between a second and a minute.</summary>
    private static TimeSpan CheckInterval(AuthorityOptions authority)
    {
        var window = authority.SigningKeyPropagationTime > TimeSpan.Zero ? authority.SigningKeyPropagationTime : authority.SigningKeyLifetime;
        return TimeSpan.FromTicks(Math.Clamp(window.Ticks / 4, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromMinutes(1).Ticks));
    }

    /// <summary>The longest lifetime of any token OpenIddict signs with these keys under the grants it allows (codes and refresh tokens included).</summary>
    private static TimeSpan LongestTokenLifetime(OpenIddictServerOptions server)
    {
        var grants = server.GrantTypes;
        TimeSpan?[] lifetimes =
        [
            server.AccessTokenLifetime,
            server.RequestTokenLifetime,
            grants.Contains(GrantTypes.AuthorizationCode) ? server.AuthorizationCodeLifetime : null,
            grants.Contains(GrantTypes.AuthorizationCode) ? server.IdentityTokenLifetime : null,
            grants.Contains(GrantTypes.DeviceCode) ? server.DeviceCodeLifetime : null,
            grants.Contains(GrantTypes.DeviceCode) ? server.UserCodeLifetime : null,
            grants.Contains(GrantTypes.RefreshToken) ? server.RefreshTokenLifetime : null,
        ];
        return lifetimes.Max(lifetime => lifetime ?? TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The signing keys could not be rotated; trying again at the next check")]
    private partial void LogRotationFailed(Exception exception);
}
