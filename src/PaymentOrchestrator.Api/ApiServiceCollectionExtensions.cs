using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Api;

/// <summary>DI of the HTTP API. The host adds its <see cref="DeadLetters.IDeadLetterQueues"/> (and, for the local host, its <see cref="ISagaSignaller"/>).</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PaymentOrchestratorApi"/>, <see cref="ApiKeyAuthenticator"/> with <see cref="ApiKeyOptions"/>
    /// bound to section <c>Api</c>, and the saga hand-off (<see cref="HostingServiceCollectionExtensions.AddSagaHosting"/>).
    /// Call after <c>AddPaymentOrchestrator</c>.
    /// </summary>
    public static IServiceCollection AddPaymentOrchestratorApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName));
        services.AddSagaHosting(configuration);
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<PaymentOrchestratorApi>();
        services.AddProblemDetails();
        return services;
    }
}
