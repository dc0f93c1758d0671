using JobEngine.Application.Extensions;
using JobEngine.Authority;
using JobEngine.Authority.Extensions;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Extensions;
using JobEngine.Infrastructure.Ledger;
using JobEngine.Infrastructure.Persistence;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Ledger;
using JobEngine.WebService.Ledger.Sinks;
using JobEngine.WebService.Legacy;
using JobEngine.WebService.Security;

namespace JobEngine.WebService.Extensions;

internal static class HostingExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(HostRoles.From(builder.Configuration));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = RetryAfterHeader.Apply);
        builder.Services.AddExceptionHandler<MalformedRequestExceptionHandler>();
        return builder;
    }

    public static WebApplicationBuilder AddJobEngineStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddJobEngineStorage(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddJobEngineApplication();
        builder.Services.AddHostedService<LedgerWriterShutdown>();
        builder.Services.AddHostedService<CheckpointSigningService>();
        builder.Services.AddHostedService<WitnessDeliveryService>();
        builder.Services.AddSingleton<SinkSet>();
        builder.Services.AddSingleton<SinkHealth>();
        builder.Services.AddHostedService<SinkDeliveryService>();
        return builder;
    }

    public static WebApplicationBuilder AddAuthorityRole(this WebApplicationBuilder builder)
    {
        if (HostRoles.From(builder.Configuration).Authority)
        {
            builder.AddAuthority();
            builder.Services.AddRazorPages();
        }

        return builder;
    }

    /// <summary>The Authority's server-rendered pages (the device flow's verification page), on an Authority host.</summary>
    public static WebApplication MapAuthorityPages(this WebApplication app)
    {
        if (app.Services.GetRequiredService<HostRoles>().Authority)
        {
            app.MapRazorPages();
        }

        return app;
    }

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.UseTokenRequestBodyLimit();

        // Legacy paths are rewritten before routing picks the endpoint.
        app.UseDeprecatedRoutes();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Migrates the store, then lets the Authority bootstrap its clients and keys, one process at a
    /// time when several start on one database.
    /// </summary>
    public static async Task InitializeStoreAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var startup = await scope.ServiceProvider.GetRequiredService<StartupLock>().AcquireAsync(app.Lifetime.ApplicationStopping);
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        await scope.ServiceProvider.GetRequiredService<AuditTreeBackfill>().RunAsync(app.Lifetime.ApplicationStopping);
        await scope.ServiceProvider.GetRequiredService<LedgerStartupCheck>().RunAsync(app.Lifetime.ApplicationStopping);

        if (app.Services.GetRequiredService<HostRoles>().Authority)
        {
            await scope.ServiceProvider.GetRequiredService<AuthorityInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        }
    }
}
