using JobEngine.Infrastructure.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace JobEngine.WebService.Extensions;

internal static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// OpenTelemetry metrics and traces: ASP.NET Core, outgoing HTTP and JobEngine's own instruments
    /// (<see cref="JobEngineMetrics"/>), scraped at <see cref="MetricsPath"/> in the Prometheus
    /// format, and exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the
    /// standard <c>OTEL_*</c> variables for the rest).
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("jobengine"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(JobEngineMetrics.MeterName)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = http => http.Request.Path != MetricsPath)
                .AddHttpClientInstrumentation()
                .AddSource(JobEngineMetrics.MeterName));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
