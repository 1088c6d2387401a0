using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>DI registration of the host-neutral pieces a host with an external orchestrator needs (the Functions host).</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SagaHandoff"/>, <see cref="MessageSettlement"/>, <see cref="SagaActivities"/> and
    /// <see cref="ApiKeyAuthorizer"/> (section <c>Api</c>). Call after <c>AddPaymentOrchestrator</c>.
    /// </summary>
    public static IServiceCollection AddSagaHosting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName));
        services.TryAddSingleton<SagaHandoff>();
        services.TryAddSingleton<MessageSettlement>();
        services.TryAddSingleton<SagaActivities>();
        services.TryAddSingleton<ApiKeyAuthorizer>();
        return services;
    }
}
