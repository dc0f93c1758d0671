using JobEngine.Application.Extensions;
using JobEngine.Authority;
using JobEngine.Authority.Extensions;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Extensions;
using JobEngine.Infrastructure.Ledger;
using JobEngine.Infrastructure.Persistence;
using JobEngine.WebService.Console;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Ledger;
using JobEngine.WebService.Ledger.Sinks;
using JobEngine.WebService.Legacy;
using JobEngine.WebService.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

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
        }

        return builder;
    }

    /// <summary>
    /// The server-rendered pages: the Authority's sign-in pages (<c>/connect/…</c>) on an Authority
    /// host, the console (<c>/console/…</c>, behind its own sign-in) on an API host.
    /// </summary>
    public static WebApplicationBuilder AddServerPages(this WebApplicationBuilder builder)
    {
        var authority = HostRoles.From(builder.Configuration).Authority;
        var console = ConsoleExtensions.IsEnabled(builder.Configuration);
        builder.Services.AddRazorPages(pages =>
        {
            RemoveFolderUnless(pages, "/Connect", authority);
            RemoveFolderUnless(pages, "/Console", console);
            pages.Conventions.AuthorizeFolder("/Console", ConsoleAuthentication.Policy);
            pages.Conventions.AllowAnonymousToPage("/Console/SignIn");
            pages.Conventions.AllowAnonymousToPage("/Console/Callback");
        });
        return builder;
    }

    public static WebApplication MapServerPages(this WebApplication app)
    {
        app.MapRazorPages();
        if (ConsoleExtensions.IsEnabled(app.Configuration))
        {
            app.MapGet("/", () => Results.Redirect("/console")).ExcludeFromDescription();
            app.MapConsoleExport();
        }

        return app;
    }

    private static void RemoveFolderUnless(RazorPagesOptions pages, string folder, bool served)
    {
        if (!served)
        {
            pages.Conventions.AddFolderRouteModelConvention(folder, page => page.Selectors.Clear());
        }
    }

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.UseTokenRequestBodyLimit();

        // Legacy paths are rewritten before routing picks the endpoint.
        app.UseDeprecatedRoutes();
        if (app.Services.GetRequiredService<HostRoles>().Authority)
        {
            app.UseClientCredentialsFastPath();
        }

        app.UseStaticFiles();
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
