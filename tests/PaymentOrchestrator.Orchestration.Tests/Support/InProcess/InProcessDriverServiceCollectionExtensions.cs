using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaymentOrchestrator.Orchestration.Tests.Support.InProcess;

/// <summary>Registers the test-only in-process driver (<see cref="SagaDriver"/>, <see cref="IncomingEventProcessor"/>) next to <c>AddPaymentOrchestrator</c>.</summary>
public static class InProcessDriverServiceCollectionExtensions
{
    public static IServiceCollection AddInProcessDriver(this IServiceCollection services)
    {
        services.TryAddSingleton<SagaDriver>();
        services.TryAddSingleton<IncomingEventProcessor>();
        return services;
    }
}
