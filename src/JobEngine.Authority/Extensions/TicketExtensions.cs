using JobEngine.Authority.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.Authority.Extensions;

internal static class TicketExtensions
{
    /// <summary>
    /// Ticket systems per tenant, the reason code rule, and the client that asks ticket systems:
    /// it follows no redirect and logs nothing itself (a validation URL may carry credentials).
    /// </summary>
    public static IServiceCollection AddTickets(this IServiceCollection services)
    {
        services.AddOptions<TicketOptions>()
            .BindConfiguration(TicketOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<TicketRules>();
        services.AddSingleton<TicketValidator>();
        services.AddHttpClient(TicketValidator.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        return services;
    }
}
