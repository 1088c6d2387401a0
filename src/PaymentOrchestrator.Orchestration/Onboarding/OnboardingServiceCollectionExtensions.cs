using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PaymentOrchestrator.Orchestration.Onboarding;

/// <summary>DI registration of merchant onboarding (called by <c>AddPaymentOrchestrator</c>).</summary>
public static class OnboardingServiceCollectionExtensions
{
    /// <summary>Registers <see cref="OnboardingStore"/> (table <c>Orchestrator:OnboardingsTable</c>) and <see cref="MerchantOnboarding"/>.</summary>
    public static IServiceCollection AddMerchantOnboarding(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new OnboardingStore(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.OnboardingsTable)));
        services.TryAddSingleton<MerchantOnboarding>();
        return services;
    }
}
