using JobEngine.Authority.Clients;
using JobEngine.Authority.Discovery;
using JobEngine.Authority.Keys;
using JobEngine.Authority.Lockouts;
using JobEngine.Authority.TokenRequests;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using JobEngine.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;

namespace JobEngine.Authority.Extensions;

public static class AuthorityExtensions
{
    /// <summary>
    /// Adds the OAuth 2.0 token service: OpenIddict's server with the client credentials grant
    /// at <c>/connect/token</c>, discovery and JWKS, its stores in the JobEngine database, the
    /// shared signing keys and the operator token rules.
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
        services.AddDataProtection()
            .SetApplicationName("JobEngine")
            .PersistKeysToFileSystem(KeyRingDirectory(configuration, builder.Environment.ContentRootPath));

        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<JobEngineDbContext>();
                core.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, CachingApplicationManager>();
            })
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(WireNames.Routes.Token);
                server.AllowClientCredentialsFlow();
                server.RegisterScopes([.. OrchestratorScopes.All]);
                server.DisableAccessTokenEncryption();

                // Access tokens are self-contained JWTs and JobEngine offers neither revocation nor
                // introspection, so a token entry per issuance would be a write nobody reads. Operator
                // tokens are recorded in the audit ledger instead.
                server.DisableTokenStorage();

                server.AddEventHandler(RefuseLockedOutRequests.Descriptor);
                server.AddEventHandler(RejectUnknownClients.Descriptor);
                server.AddEventHandler(LoadClientRegistration.Descriptor);
                server.AddEventHandler(RequireGrantedScopes.Descriptor);
                server.AddEventHandler(RequireTenantSelection.Descriptor);
                server.AddEventHandler(RequireOperatorJustification.Descriptor);
                server.AddEventHandler(IssueClientCredentialsToken.Descriptor);
                server.AddEventHandler(RecordTokenIssuance.Descriptor);
                server.AddEventHandler(RecordTokenRequestOutcome.Descriptor);
                server.AddEventHandler(CountFailedAuthentications.Descriptor);
                server.AddEventHandler(AnswerLockoutsAsTooManyRequests.Descriptor);
                server.AddEventHandler(AnchorEndpointsOnIssuer.Descriptor);

                // TLS is terminated in front of JobEngine (reverse proxy or ingress); the
                // contract's default address is plain http on loopback.
                server.UseAspNetCore().DisableTransportSecurityRequirement();
            });

        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<AuthorityOptions>>((server, authority) =>
        {
            server.Issuer = authority.Value.Issuer;
            server.AccessTokenLifetime = authority.Value.AccessTokenLifetime;
        });

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
