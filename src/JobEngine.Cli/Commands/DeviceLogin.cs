using JobEngine.Client;
using Spectre.Console;

namespace JobEngine.Cli.Commands;

/// <summary>
/// <c>jobctl login --device</c>: asks the Authority for a device code, shows the person where to
/// enter it, and polls for the token at the interval the Authority names (five seconds more after
/// each <c>slow_down</c>, as RFC 8628 asks) until it is issued, denied or expired.
/// </summary>
internal static class DeviceLogin
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);

    public static async Task<TokenResponse> RunAsync(CliEnvironment environment, AuthorityClient authority,
        DeviceAuthorizationRequest request, CancellationToken cancellationToken)
    {
        var device = await authority.StartDeviceAuthorizationAsync(request, cancellationToken);
        environment.Out.MarkupLineInterpolated($"To sign in, open [bold]{device.VerificationUri}[/] and enter the code [bold]{device.UserCode}[/]");
        if (device.VerificationUriComplete is { } complete)
        {
            environment.Out.MarkupLineInterpolated($"(or open {complete})");
        }

        environment.Out.MarkupLineInterpolated($"Waiting for you to approve it (the code expires in {device.ExpiresIn / 60} min)…");

        var interval = device.Interval is > 0 ? TimeSpan.FromSeconds(device.Interval.Value) : DefaultInterval;
        while (true)
        {
            await Task.Delay(interval, cancellationToken);
            try
            {
                return await authority.PollDeviceTokenAsync(device.DeviceCode, cancellationToken);
            }
            catch (OAuthException pending) when (pending.Error == "authorization_pending")
            {
            }
            catch (OAuthException slowDown) when (slowDown.Error == "slow_down")
            {
                interval += SlowDownStep;
            }
            catch (OAuthException denied) when (denied.Error == "access_denied")
            {
                throw new CliException(ExitCodes.NotAuthenticated, "The sign-in was denied on the verification page; no token was issued.");
            }
            catch (OAuthException expired) when (expired.Error == "expired_token")
            {
                throw new CliException(ExitCodes.NotAuthenticated, "The code expired before it was approved. Run jobctl login --device again.");
            }
        }
    }
}
