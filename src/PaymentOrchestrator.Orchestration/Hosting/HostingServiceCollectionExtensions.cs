using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>DI registration of the host-neutral pieces a host with an external orchestrator needs (the Functions host).</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SagaHandoff"/> and <see cref="MessageSettlement"/>. Call after
    /// <c>AddPaymentOrchestrator</c>. (API keys are the HTTP API's: PaymentOrchestrator.Api.)
    /// </summary>
    public static IServiceCollection AddSagaHosting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<SagaHandoff>();
        services.TryAddSingleton<MessageSettlement>();
        services.TryAddSingleton<WakeUpSweep>();
        return services;
    }
}
