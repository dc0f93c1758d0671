using JobEngine.Authority;
using JobEngine.Authority.Extensions;
using JobEngine.WebService.Extensions;

namespace JobEngine.WebService.Console;

internal static class ConsoleExtensions
{
    /// <summary>
    /// Adds the SecOps console (Razor Pages under <c>/console</c>) to a host that runs the API:
    /// sign-in through the Authority, and its registration of the console's callback when the
    /// Authority runs here too.
    /// </summary>
    public static WebApplicationBuilder AddJobEngineConsole(this WebApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        var roles = HostRoles.From(builder.Configuration);
        if (ConsoleAddresses.From(builder.Configuration, builder.Environment) is not { } addresses)
        {
            return builder;
        }

        builder.Services.AddSingleton(addresses);
        if (!roles.Authority)
        {
            builder.AddKeyRing();
        }

        ConsoleAuthentication.Add(builder.Services, addresses, roles.Authority);
        if (roles.Authority)
        {
            builder.Services.PostConfigure<AuthorityOptions>(authority =>
            {
                if (!authority.ConsoleRedirectUris.Contains(addresses.Callback))
                {
                    authority.ConsoleRedirectUris.Add(addresses.Callback);
                }
            });
        }

        builder.Services.AddHttpClient(ConsoleApi.HttpClientName, http => http.BaseAddress = addresses.ApiUrl);
        builder.Services.AddScoped<ConsoleApi>();
        return builder;
    }

    public static bool IsEnabled(IConfiguration configuration) =>
        HostRoles.From(configuration).JobEngine
        && ConsoleOptions.From(configuration).Enabled;
}
