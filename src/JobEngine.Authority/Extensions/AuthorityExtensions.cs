using JobEngine.Authority.AuthorizationRequests;
using JobEngine.Authority.Clients;
using JobEngine.Authority.DeviceRequests;
using JobEngine.Authority.Discovery;
using JobEngine.Authority.Keys;
using JobEngine.Authority.Lockouts;
using JobEngine.Authority.People;
using JobEngine.Authority.TokenRequests;
using JobEngine.Authority.Upstream;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using JobEngine.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.Extensions;

public static class AuthorityExtensions
{
    /// <summary>
    /// Adds the OAuth 2.0 token service: OpenIddict's server with the client credentials grant at
    /// <c>/connect/token</c>, and for people the device authorization grant (<c>/connect/device</c>,
    /// the verification page at <c>/connect/verify</c>) and the authorization code grant with PKCE
    /// (<c>/connect/authorize</c>); discovery and JWKS, local users, its stores in the JobEngine
    /// database, the shared signing keys and the operator token rules.
    /// </summary>
    public static IHostApplicationBuilder AddAuthority(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        var development = builder.Environment.IsDevelopment();
        var configuration = builder.Configuration;
        services.AddOptions<AuthorityOptions>()
            .BindConfiguration(AuthorityOptions.SectionName)
            .PostConfigure(options => options.Issuer ??= development ? DevelopmentIssuer.From(configuration) : null)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BootstrapOptions>()
            .BindConfiguration(BootstrapOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();
        services.AddOptions<LocalUsersOptions>()
            .Configure(options => configuration.GetSection(LocalUsersOptions.SectionName).Bind(options.Users))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LocalUsersOptions>, LocalUsersValidator>();
        services.AddTickets();
        services.AddUpstreamSignIn(configuration);
        services.AddSingleton<LocalUserDirectory>();
        services.AddScoped<PersonSignIn>();
        services.AddScoped(provider => new PersonApproval(provider.GetRequiredService<PersonSignIn>()));
        services.AddSingleton<DevicePolls>();
        services.AddScoped<ClientBootstrapper>();
        services.AddScoped<AuthorityInitializer>();
        services.AddSingleton<TokenLedger>();
        services.AddSingleton<VerifiedSecretCache>();
        services.AddSingleton<ClientRegistrationCache>();
        services.AddSingleton<DecoyClient>();
        services.AddSingleton<LockoutCache>();
        services.AddSingleton<LockoutLedger>();
        services.AddScoped<FailureLimiter>();
        services.AddHostedService<AuthenticationFailurePurge>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ConfigureAuthorityCredentials>();
        services.AddSingleton<KeyProtection>();
        services.AddScoped<StoredAuthorityKeys>();
        services.AddSingleton<SigningKeyRing>();
        services.AddScoped<SigningKeyRotation>();
        services.AddHostedService<SigningKeyRotationService>();
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>, SigningKeyChangeTokenSource<OpenIddictServerOptions>>();
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictValidationOptions>, SigningKeyChangeTokenSource<OpenIddictValidationOptions>>();
        builder.AddKeyRing();

        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<JobEngineDbContext>();
                core.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, CachingApplicationManager>();
            })
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(WireNames.Routes.Token);
                server.SetDeviceAuthorizationEndpointUris(WireNames.Routes.DeviceAuthorization);
                server.SetEndUserVerificationEndpointUris(WireNames.Routes.Verification);
                server.SetAuthorizationEndpointUris(WireNames.Routes.Authorization);
                server.AllowClientCredentialsFlow();
                server.AllowDeviceAuthorizationFlow();
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();

                // PKCE with S256 only: a 'plain' challenge is the verifier itself, readable wherever the request is.
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.RegisterScopes([.. OrchestratorScopes.All, Scopes.Profile]);
                server.DisableAccessTokenEncryption();

                // Grants are not remembered per person: every sign-in is approved on its own.
                server.DisableAuthorizationStorage();
                server.AddEventHandler(SkipAccessTokenEntries.Descriptor);

                server.AddEventHandler(RequireDeviceRequestParameters.Descriptor);
                server.AddEventHandler(RequireAuthorizationRequestParameters.Descriptor);
                server.AddEventHandler(CarryRequestedGrant.Descriptor);
                server.AddEventHandler(AnchorVerificationUriOnIssuer.Descriptor);
                server.AddEventHandler(AnnouncePollingInterval.Descriptor);

                server.AddEventHandler(RefuseLockedOutRequests.Descriptor);
                server.AddEventHandler(RejectUnknownClients.Descriptor);
                server.AddEventHandler(RequirePollingInterval.Descriptor);
                server.AddEventHandler(LoadClientRegistration.Descriptor);
                server.AddEventHandler(RequireGrantedScopes.Descriptor);
                server.AddEventHandler(RequireTenantSelection.Descriptor);
                server.AddEventHandler(RequireOperatorJustification.Descriptor);
                server.AddEventHandler(RequireValidTicket.Descriptor);
                server.AddEventHandler(IssueAccessToken.Descriptor);
                server.AddEventHandler(RecordTokenIssuance.Descriptor);
                server.AddEventHandler(RecordTokenRequestOutcome.Descriptor);
                server.AddEventHandler(CountFailedAuthentications.Descriptor);
                server.AddEventHandler(AnswerLockoutsAsTooManyRequests.Descriptor);
                server.AddEventHandler(AnchorEndpointsOnIssuer.Descriptor);
                server.AddEventHandler(SignWithActiveKey.Descriptor);

                // TLS is terminated in front of JobEngine (reverse proxy or ingress); the
                // contract's default address is plain http on loopback.
                // The sign-in pages are the host's (Razor Pages), after OpenIddict checked the user code or the authorization request.
                server.UseAspNetCore()
                    .DisableTransportSecurityRequirement()
                    .EnableEndUserVerificationEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough();
            });

        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<AuthorityOptions>>((server, authority) =>
        {
            server.Issuer = authority.Value.Issuer;
            server.AccessTokenLifetime = authority.Value.AccessTokenLifetime;
            server.DeviceCodeLifetime = authority.Value.DeviceCodeLifetime;
            server.UserCodeLifetime = authority.Value.DeviceCodeLifetime;
        });

        return builder;
    }

    /// <summary>
    /// Answers the common client credentials request before routing and authentication
    /// (<see cref="ClientCredentialsFastPath"/>); every other token request goes on to OpenIddict.
    /// </summary>
    public static IApplicationBuilder UseClientCredentialsFastPath(this IApplicationBuilder app) =>
        app.UseMiddleware<ClientCredentialsFastPath>();

    /// <summary>
    /// The deployment's Data Protection key ring (<see cref="AuthorityOptions.KeyRingPath"/>, encrypted with
    /// <see cref="AuthorityOptions.KeyRingCertificateFile"/> when set): it encrypts the Authority's keys in the
    /// store and the console's sessions, so every process of a deployment is given the same one.
    /// </summary>
    public static IHostApplicationBuilder AddKeyRing(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("JobEngine")
            .PersistKeysToFileSystem(KeyRingDirectory(configuration, builder.Environment.ContentRootPath));
        if (KeyRingCertificate.Load(configuration, builder.Environment.ContentRootPath) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return builder;
    }

    /// <summary>The key ring's directory, created readable by its owner only.</summary>
    private static DirectoryInfo KeyRingDirectory(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[$"{AuthorityOptions.SectionName}:{nameof(AuthorityOptions.KeyRingPath)}"];
        var path = Path.GetFullPath(Path.Combine(contentRoot, string.IsNullOrWhiteSpace(configured) ? new AuthorityOptions().KeyRingPath : configured));
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
