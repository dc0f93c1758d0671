namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>One push sink as configured (<c>JobEngine:Ledger:Sinks:N</c>).</summary>
internal sealed class SinkSettings
{
    public const string SectionName = "JobEngine:Ledger:Sinks";

    /// <summary><c>webhook</c>, <c>syslog</c> or <c>file</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The webhook's absolute http(s) URL.</summary>
    public string? Url { get; set; }

    /// <summary>The syslog collector as <c>host:port</c>.</summary>
    public string? Host { get; set; }

    /// <summary>Whether the syslog connection is TLS (RFC 5425), checked against the system's trusted roots.</summary>
    public bool Tls { get; set; }

    /// <summary>The file sink's NDJSON file; relative to the content root.</summary>
    public string? Path { get; set; }

    /// <summary><c>jobengine</c> (the entry as served; the default) or <c>ocsf</c>.</summary>
    public string? Format { get; set; }

    /// <summary>The webhook's HMAC-SHA256 key (at least 32 characters).</summary>
    public string? Secret { get; set; }

    /// <summary>The tenants whose entries go to this sink; none means every tenant.</summary>
    public List<string> Tenants { get; set; } = [];
}
