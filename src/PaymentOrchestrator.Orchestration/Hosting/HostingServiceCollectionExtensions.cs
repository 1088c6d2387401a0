using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>DI registration of the host-neutral pieces a host with an external orchestrator needs (the Functions host).</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SagaHandoff"/>, <see cref="MessageSettlement"/>, <see cref="WakeUpSweep"/> and the
    /// <see cref="MaintenanceOptions"/> (section <c>Maintenance</c>). Call after
    /// <c>AddPaymentOrchestrator</c>. (API keys are the HTTP API's: PaymentOrchestrator.Api.)
    /// </summary>
    public static IServiceCollection AddSagaHosting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<SagaHandoff>();
        services.TryAddSingleton<MessageSettlement>();
        services.TryAddSingleton<WakeUpSweep>();
        services.AddOptions<MaintenanceOptions>().Bind(configuration.GetSection(MaintenanceOptions.SectionName))
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1) && o.SweepSlack >= TimeSpan.Zero
                && o.HistoryRetention >= TimeSpan.FromSeconds(1) && o.PurgeInterval >= TimeSpan.FromSeconds(1),
                "Maintenance:Interval, PurgeInterval and HistoryRetention must be at least 00:00:01, SweepSlack at least 00:00:00.")
            .Validate(o => o.OnboardingPollInterval >= TimeSpan.FromSeconds(1) && o.OnboardingExpiry >= TimeSpan.FromSeconds(1),
                "Maintenance:OnboardingPollInterval and OnboardingExpiry must be at least 00:00:01.")
            .Validate(o => o.SalesUnitRefreshInterval >= TimeSpan.FromMinutes(1),
                "Maintenance:SalesUnitRefreshInterval must be at least 00:01:00 (each refresh asks Vipps once per sales unit).")
            .ValidateOnStart();
        return services;
    }
}
