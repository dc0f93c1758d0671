using JobEngine.Authority;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using JobEngine.WebService.Extensions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;

namespace JobEngine.WebService.Security;

internal static class ApiSecurityExtensions
{
    /// <summary>How far a token's exp/nbf may be off the server's clock.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Validates bearer tokens on the API: signature against the Authority's keys (in-process, or
    /// from the Authority's discovery document and JWKS when this host runs the API alone),
    /// exact issuer, audience <c>jobengine</c>, <c>typ</c> = <c>at+jwt</c>, ES256/RS256 only and
    /// at most 30 s of clock skew, read from the <c>Authorization</c> header only; tokens that passed are remembered for a while
    /// (<see cref="CachedBearerHandler"/>). One authorization policy per scope.
    /// </summary>
    public static WebApplicationBuilder AddApiSecurity(this WebApplicationBuilder builder, HostRoles roles)
    {
        var issuer = builder.Configuration[$"{AuthorityOptions.SectionName}:Issuer"];
        if (!roles.Authority && string.IsNullOrWhiteSpace(issuer))
        {
            throw new InvalidOperationException(
                "A host with JobEngine:Roles = jobengine only must name its Authority in JobEngine:Authority:Issuer.");
        }

        builder.Services.AddOpenIddict().AddValidation(validation =>
        {
            if (roles.Authority)
            {
                validation.UseLocalServer();
            }
            else
            {
                validation.SetIssuer(issuer!);
                validation.UseSystemNetHttp();
            }

            validation.AddAudiences(WireNames.Audience);

            // Tokens in a query string or a form end up in proxy and access logs: the header only.
            validation.UseAspNetCore()
                .DisableAccessTokenExtractionFromQueryString()
                .DisableAccessTokenExtractionFromBodyForm();
        });

        builder.Services.Configure<OpenIddictValidationOptions>(options =>
        {
            options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256];
            options.TokenValidationParameters.ClockSkew = MaxClockSkew;

            // OpenIddict checks 'exp' itself but leaves 'nbf' alone; IdentityModel checks both.
            options.TokenValidationParameters.ValidateLifetime = true;
        });

        builder.Services.AddSingleton<ValidatedTokenCache>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IAuthenticationSchemeProvider, ApiRequestSchemes>();
        builder.Services.AddAuthentication(CachedBearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CachedBearerHandler>(CachedBearerHandler.SchemeName, scheme =>
            {
                scheme.ForwardChallenge = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
                scheme.ForwardForbid = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            });
        builder.Services.AddAuthorization(options =>
        {
            foreach (var scope in OrchestratorScopes.All)
            {
                options.AddPolicy(scope, policy => policy
                    .AddAuthenticationSchemes(CachedBearerHandler.SchemeName)
                    .RequireAuthenticatedUser()
                    .AddRequirements(new ScopeRequirement(scope)));
            }
        });
        builder.Services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return builder;
    }
}

/// <summary>The token must carry this scope.</summary>
internal sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

internal sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.HasScope(requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
