using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaymentOrchestrator.Durable;

/// <summary>DI registration of the saga orchestration's activity body, for every host that runs the orchestration.</summary>
public static class SagaOrchestrationServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SagaActivities"/> and <see cref="MaintenanceActivities"/>. Call after <c>AddPaymentOrchestrator</c>.</summary>
    public static IServiceCollection AddSagaActivities(this IServiceCollection services)
    {
        services.TryAddSingleton<SagaActivities>();
        services.TryAddSingleton<MaintenanceActivities>();
        return services;
    }
}
