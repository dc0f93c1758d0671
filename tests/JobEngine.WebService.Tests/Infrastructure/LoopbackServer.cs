using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// A small web application on a free loopback port (other test runs share the machine), for the
/// stand-ins of the systems JobEngine calls: a SIEM's webhook, a witness, a ticket system.
/// </summary>
public static class LoopbackServer
{
    /// <summary>Starts an application with the routes <paramref name="map"/> adds; returns it with its base address.</summary>
    public static async Task<(WebApplication App, string Address)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }
}
