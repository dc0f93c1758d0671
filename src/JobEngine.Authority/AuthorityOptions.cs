using System.ComponentModel.DataAnnotations;

namespace JobEngine.Authority;

/// <summary>Settings of the token service (<c>JobEngine:Authority</c>).</summary>
public sealed class AuthorityOptions : IValidatableObject
{
    public const string SectionName = "JobEngine:Authority";

    /// <summary>
    /// Issuer stamped into tokens and served by discovery: required outside Development, where
    /// it defaults to the configured listen address (<see cref="DevelopmentIssuer"/>).
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>Upper bound on the lifetime of tokens carrying <c>orch:operate</c> or <c>orch:quota</c>.</summary>
    public TimeSpan OperatorTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of every other access token.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a device code (and its user code) waits for a person to approve it.</summary>
    public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The least time between two polls of one device code; faster polls are answered <c>slow_down</c>.</summary>
    public TimeSpan DevicePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where the console may receive authorization codes: each compared exactly with a request's
    /// <c>redirect_uri</c>. None by default, which leaves the console's sign-in closed.
    /// </summary>
    public List<Uri> ConsoleRedirectUris { get; set; } = [];

    /// <summary>OpenID Connect providers people may sign in through, besides local users.</summary>
    public List<Upstream.UpstreamProvider> Upstream { get; set; } = [];

    /// <summary>
    /// A PEM file holding the signing key (EC P-256 or RSA ≥ 2048 bits). When unset, the key
    /// is kept in the store and created on first start.
    /// </summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>
    /// How long one key kept in the store signs tokens before its successor takes over. Ignored
    /// with <see cref="SigningKeyFile"/>, which the operator rotates by replacing the file.
    /// </summary>
    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a new signing key is published in the JWKS before it signs: longer than the
    /// interval at which hosts that validate tokens refresh their copy of the JWKS (half a day by
    /// default for .NET's token validation), so none of them first meets the key in a token.
    /// </summary>
    public TimeSpan SigningKeyPropagationTime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// The Data Protection key ring that encrypts the keys kept in the store; relative paths are
    /// relative to the content root. Outside the database and its backups, the same directory for
    /// every process of a deployment.
    /// </summary>
    public string KeyRingPath { get; set; } = "data/keys";

    /// <summary>
    /// A PEM file with an RSA certificate and its private key that encrypts the key ring itself,
    /// so that the key ring's directory alone (say, a copy of a shared volume) decrypts nothing.
    /// Every process of a deployment needs the same certificate. Unset: the key ring's files are
    /// protected by the directory's permissions only.
    /// </summary>
    public string? KeyRingCertificateFile { get; set; }

    /// <summary>
    /// Failed authentications per client id (token endpoint) or user name (sign-in page) within a
    /// minute after which it is locked out for a minute (<c>429</c>, even with the right secret).
    /// </summary>
    public int MaxFailures { get; set; } = 10;

    /// <summary>Failed client or user authentications per source address within a minute after which the address is locked out for a minute.</summary>
    public int MaxFailuresPerAddress { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Issuer is null)
        {
            yield return new ValidationResult(
                "JobEngine:Authority:Issuer is required outside the Development environment: the URL clients reach this Authority at " +
                "(for example https://jobengine.example.com/). It is never taken from a request's Host header.", [nameof(Issuer)]);
        }
        else if (!Issuer.IsAbsoluteUri || Issuer.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult(
                "JobEngine:Authority:Issuer must be an absolute http(s) URL.", [nameof(Issuer)]);
        }

        if (string.IsNullOrWhiteSpace(KeyRingPath))
        {
            yield return new ValidationResult("JobEngine:Authority:KeyRingPath must name a directory.", [nameof(KeyRingPath)]);
        }

        if (OperatorTokenLifetime <= TimeSpan.Zero || OperatorTokenLifetime > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult(
                "JobEngine:Authority:OperatorTokenLifetime must be between 00:00:01 and 1.00:00:00.", [nameof(OperatorTokenLifetime)]);
        }

        if (AccessTokenLifetime <= TimeSpan.Zero || AccessTokenLifetime > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult(
                "JobEngine:Authority:AccessTokenLifetime must be between 00:00:01 and 1.00:00:00.", [nameof(AccessTokenLifetime)]);
        }

        if (SigningKeyLifetime < TimeSpan.FromSeconds(1) || SigningKeyLifetime > TimeSpan.FromDays(365))
        {
            yield return new ValidationResult(
                "JobEngine:Authority:SigningKeyLifetime must be between 00:00:01 and 365.00:00:00.", [nameof(SigningKeyLifetime)]);
        }

        if (SigningKeyPropagationTime < TimeSpan.Zero || SigningKeyPropagationTime >= SigningKeyLifetime)
        {
            yield return new ValidationResult(
                "JobEngine:Authority:SigningKeyPropagationTime must be at least 00:00:00 and shorter than JobEngine:Authority:SigningKeyLifetime.",
                [nameof(SigningKeyPropagationTime)]);
        }

        if (DeviceCodeLifetime < TimeSpan.FromSeconds(1) || DeviceCodeLifetime > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult(
                "JobEngine:Authority:DeviceCodeLifetime must be between 00:00:01 and 01:00:00.", [nameof(DeviceCodeLifetime)]);
        }

        if (DevicePollingInterval < TimeSpan.FromSeconds(1) || DevicePollingInterval > TimeSpan.FromMinutes(1)
            || DevicePollingInterval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            yield return new ValidationResult(
                "JobEngine:Authority:DevicePollingInterval must be whole seconds between 00:00:01 and 00:01:00.", [nameof(DevicePollingInterval)]);
        }

        foreach (var uri in ConsoleRedirectUris.Where(uri => !Clients.RedirectUris.IsValid(uri)))
        {
            yield return new ValidationResult(
                $"JobEngine:Authority:ConsoleRedirectUris: '{uri}' {Clients.RedirectUris.Rule}.", [nameof(ConsoleRedirectUris)]);
        }

        var upstreamNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Upstream.Count; i++)
        {
            var key = $"{SectionName}:{nameof(Upstream)}:{i}";
            foreach (var problem in Upstream[i].Problems(key))
            {
                yield return new ValidationResult(problem, [nameof(Upstream)]);
            }

            if (!upstreamNames.Add(Upstream[i].Name))
            {
                yield return new ValidationResult($"{key}:Name '{Upstream[i].Name}' is configured twice.", [nameof(Upstream)]);
            }
        }

        if (MaxFailures is < 1 or > 1_000)
        {
            yield return new ValidationResult(
                "JobEngine:Authority:MaxFailures must be between 1 and 1000.", [nameof(MaxFailures)]);
        }

        if (MaxFailuresPerAddress is < 1 or > 100_000)
        {
            yield return new ValidationResult(
                "JobEngine:Authority:MaxFailuresPerAddress must be between 1 and 100000.", [nameof(MaxFailuresPerAddress)]);
        }
    }
}
