using JobEngine.Infrastructure.Ledger.Sinks;
using JobEngine.Infrastructure.Persistence;

namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>
/// The configured sinks, checked at start-up: a sink that cannot work (unknown type or format, a
/// webhook without an absolute URL or with a short secret, a file without a path) stops start-up
/// with a message naming its setting, rather than silently delivering nothing.
/// </summary>
internal sealed class SinkSet : IDisposable
{
    public const int MinSecretLength = 32;
    /// <summary>How long one batch may take to a webhook or a syslog collector before it counts as failed.</summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    // A redirect would turn the POST into a GET that answers 2xx, and the batch would count as delivered.
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = DeliveryTimeout };

    public SinkSet(IConfiguration configuration, StoragePaths paths, TimeProvider time)
    {
        var settings = configuration.GetSection(SinkSettings.SectionName).Get<List<SinkSettings>>() ?? [];
        All = [.. settings.Select((sink, index) => Create(sink, $"{SinkSettings.SectionName}:{index}", paths, time))];
        var duplicate = All.GroupBy(sink => sink.Id, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{SinkSettings.SectionName} names the sink '{duplicate.Key}' twice; each sink must appear once.");
        }
    }

    public IReadOnlyList<ISink> All { get; }

    public void Dispose()
    {
        foreach (var sink in All.OfType<IDisposable>())
        {
            sink.Dispose();
        }

        _http.Dispose();
    }

    private ISink Create(SinkSettings sink, string key, StoragePaths paths, TimeProvider time)
    {
        var format = sink.Format?.ToLowerInvariant() switch
        {
            null or "jobengine" => SinkFormat.JobEngine,
            "ocsf" => SinkFormat.Ocsf,
            _ => throw Invalid($"{key}:Format must be 'jobengine' or 'ocsf'; got '{sink.Format}'."),
        };
        IReadOnlyCollection<string> tenants = sink.Tenants.ToHashSet(StringComparer.Ordinal);
        switch (sink.Type?.ToLowerInvariant())
        {
            case "webhook":
                if (!Uri.TryCreate(sink.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    throw Invalid($"{key}:Url must be an absolute http(s) URL for a webhook sink; got '{sink.Url}'.");
                }

                if (sink.Secret is not { Length: >= MinSecretLength })
                {
                    throw Invalid($"{key}:Secret must be at least {MinSecretLength} characters: the receiver checks each batch's HMAC-SHA256 with it.");
                }

                var id = WebhookSink.IdOf(url);
                return id.Length > SinkCursors.MaxSinkIdLength
                    ? throw Invalid($"{key}:Url is longer than {SinkCursors.MaxSinkIdLength - 8} characters.")
                    : new WebhookSink(_http, url, WebhookSink.Key(sink.Secret), format, tenants);
            case "syslog":
                var colon = sink.Host?.LastIndexOf(':') ?? -1;
                if (colon <= 0 || !int.TryParse(sink.Host![(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
                    || port is < 1 or > 65535)
                {
                    throw Invalid($"{key}:Host must be the syslog collector as host:port; got '{sink.Host}'.");
                }

                return new SyslogSink(sink.Host[..colon].Trim('[', ']'), port, sink.Tls, format, tenants, DeliveryTimeout);
            case "file":
                if (string.IsNullOrWhiteSpace(sink.Path))
                {
                    throw Invalid($"{key}:Path must name the NDJSON file of a file sink.");
                }

                return new FileSink(paths.Resolve(sink.Path), format, tenants, time);
            default:
                throw Invalid($"{key}:Type must be 'webhook', 'syslog' or 'file'; got '{sink.Type}'.");
        }
    }

    private static InvalidOperationException Invalid(string message) => new(message);
}
