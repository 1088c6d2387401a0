using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PaymentOrchestrator.Orchestration.Telemetry;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// OpenTelemetry in the Functions app (host.json's <c>telemetryMode</c> is <c>OpenTelemetry</c>): the same sources and
/// meters as the local host (<see cref="OrchestratorTelemetry.Sources"/>), HTTP to Vipps only, exported to Application
/// Insights with the app's managed identity (the resource has local authentication off) when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set; without it nothing is exported.
/// </summary>
public static class FunctionsTelemetry
{
    /// <summary>The Application Insights connection string (set by infra/app/functionapp.bicep).</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The client id of the user-assigned identity that may publish telemetry (Monitoring Metrics Publisher).</summary>
    public const string ManagedIdentityClientIdSetting = "Telemetry:ManagedIdentityClientId";

    public static IServiceCollection AddPaymentOrchestratorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .AddSource([.. OrchestratorTelemetry.Sources])
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = VippsRequestOptions.IsTraceable))
            .WithMetrics(metrics => metrics
                .AddMeter([.. OrchestratorTelemetry.Meters])
                .AddRuntimeInstrumentation()
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]))
        {
            var clientId = configuration[ManagedIdentityClientIdSetting];
            telemetry.UseAzureMonitorExporter(exporter => exporter.Credential = string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
        }

        return services;
    }
}
