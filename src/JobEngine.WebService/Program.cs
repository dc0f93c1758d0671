using JobEngine.WebService.Console;
using JobEngine.WebService.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTelemetry();
builder.AddJobEngineStore();
builder.AddAuthorityRole();
builder.AddJobEngineApi();
builder.AddJobEngineConsole();
builder.AddServerPages();

var app = builder.Build();

app.UseServiceDefaults();
app.MapJobEngineApi();
app.MapServerPages();

await app.InitializeStoreAsync();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
