using System.Security.Cryptography;
using System.Text;
using JobEngine.Infrastructure.Caching;
using Microsoft.Extensions.Options;

namespace JobEngine.Authority.DeviceRequests;

/// <summary>
/// When each device code was last polled, in this process's memory, keyed by the code's SHA-256 so
/// that no code is kept. A device that polls several processes of one deployment in turn may poll
/// faster than the interval; each process still holds it to the interval.
/// </summary>
internal sealed class DevicePolls(TimeProvider time, IOptions<AuthorityOptions> options)
{
    public const int Capacity = 10_000;

    private readonly ExpiringMap<string, DateTimeOffset> _lastPolls = new(time, Capacity);

    /// <summary>Whether a poll of <paramref name="deviceCode"/> now keeps to the interval; one that does is remembered.</summary>
    public bool TryPoll(string deviceCode)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deviceCode)));
        var now = _lastPolls.Now;
        var interval = options.Value.DevicePollingInterval;
        if (_lastPolls.TryGet(key, out var last) && now - last < interval)
        {
            return false;
        }

        _lastPolls.Set(key, now, now + options.Value.DeviceCodeLifetime);
        return true;
    }
}
