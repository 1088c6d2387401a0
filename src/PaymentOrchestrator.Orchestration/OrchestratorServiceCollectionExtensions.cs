using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Execution;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Onboarding;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Storage;
using Azure.Storage.Queues;
using Azure.Data.Tables;
using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.Orchestration;

/// <summary>DI registration of the orchestration core, shared by both hosts.</summary>
public static class OrchestratorServiceCollectionExtensions
{
    /// <summary>Configuration section of <see cref="StorageConnectionOptions"/>: ConnectionString, or TableServiceUri + QueueServiceUri (+ ManagedIdentityClientId).</summary>
    public const string StorageSectionName = "Storage";

    /// <summary>Configuration section of the sagas' timing: <c>Sagas:Epayment</c>, <c>Sagas:Agreement</c>, <c>Sagas:Charge</c>.</summary>
    public const string SagasSectionName = "Sagas";

    /// <summary>
    /// Registers intake, stores, <see cref="SagaRunner"/>, <see cref="Hosting.SagaHandoff"/>, the Vipps command executor, the
    /// Vipps client (section <c>Vipps</c>) and Storage (section <c>Storage</c>), with options validated on start.
    /// Outcomes go to the <c>payment-events</c> Storage queue unless the host registers its own
    /// <see cref="IOutcomePublisher"/> first.
    /// </summary>
    public static IServiceCollection AddPaymentOrchestrator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PaymentOrchestratorOptions>()
            .Bind(configuration.GetSection(PaymentOrchestratorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<StorageConnectionOptions>()
            .Bind(configuration.GetSection(StorageSectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageConnectionOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddVippsClient(configuration);

        // One TableServiceClient and one QueueServiceClient for the process, built from the Storage section.
        services.TryAddSingleton(sp => new StorageClients(sp.GetRequiredService<IOptions<StorageConnectionOptions>>().Value));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClients>().Tables);
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClients>().Queues);
        services.TryAddSingleton(sp => new SagaStore(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentsTable)));
        services.TryAddSingleton(sp => new SalesUnitStore(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.SalesUnitsTable),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IOutcomePublisher>(sp => new QueueOutcomePublisher(
            sp.GetRequiredService<QueueServiceClient>().GetQueueClient(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentEventsQueue),
            sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>()));

        // Saga timing (polling, retries, deadline lead) from the Sagas section, e.g. Sagas:Epayment:Polling:Interval.
        var sagas = configuration.GetSection(SagasSectionName);
        services.TryAddSingleton(new SagaDeciders(
            new EpaymentDecider(sagas.GetSection("Epayment").Get<EpaymentOptions>() ?? new EpaymentOptions()),
            new AgreementDecider(sagas.GetSection("Agreement").Get<AgreementOptions>() ?? new AgreementOptions()),
            new ChargeDecider(sagas.GetSection("Charge").Get<ChargeOptions>() ?? new ChargeOptions())));
        services.TryAddSingleton<SagaRunner>();
        // Vipps commands run behind the sales-unit money rule (a disabled unit moves no new money).
        services.TryAddSingleton<VippsCommandExecutor>();
        services.TryAddSingleton<ICommandExecutor>(sp => new SalesUnits.SalesUnitMoneyGuard(
            sp.GetRequiredService<VippsCommandExecutor>(), sp.GetRequiredService<SalesUnitStore>(), sp.GetRequiredService<ILogger<SalesUnits.SalesUnitMoneyGuard>>()));
        services.TryAddSingleton<SalesUnits.SalesUnitRegistry>();
        services.TryAddSingleton<EventIntake>();
        services.TryAddSingleton<OrchestratorStorage>();
        services.TryAddSingleton<Hosting.SagaHandoff>();
        services.TryAddSingleton<SagaQueries>();
        services.AddOptions<Reconciliation.ReconciliationOptions>().Bind(configuration.GetSection(Reconciliation.ReconciliationOptions.SectionName))
            .Validate(o => o.Interval > TimeSpan.Zero && o.PendingRetryDelay > TimeSpan.Zero, "Reconciliation:Interval and Reconciliation:PendingRetryDelay must be positive.")
            .Validate(o => o.CutOff >= TimeSpan.Zero && o.CutOff < TimeSpan.FromDays(1), "Reconciliation:CutOff is a time of day, 00:00:00 to 23:59:59.")
            .Validate(o => o.MaxLookbackDays is >= 1 and <= 366, "Reconciliation:MaxLookbackDays must be 1 to 366.")
            .Validate(o => o.TimeZones.Values.All(z => TimeZoneInfo.TryFindSystemTimeZoneById(z, out _)), "Reconciliation:TimeZones names a time zone that does not exist (use IANA ids such as Europe/Oslo).")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new Reconciliation.ReconciliationStore(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentsTable)));
        services.TryAddSingleton<Reconciliation.ReconciliationJob>();
        services.TryAddSingleton(sp => new ReplayLog(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentsTable)));
        // A relative URL has no host to sign over: every delivery would fail verification with a 500 (and Vipps retry).
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.Registrations.All(r => r.Url is null || (r.Url.IsAbsoluteUri && r.Url.Scheme is "https" or "http")),
                "Webhooks:Registrations:n:Url must be the absolute URL registered with Vipps (https://host/api/vipps/webhooks).")
            .ValidateOnStart();
        services.TryAddSingleton<WebhookSecrets>();
        services.TryAddSingleton<WebhookRouter>();
        services.TryAddSingleton<WebhookProcessor>();
        services.AddMerchantOnboarding();
        return services;
    }
}
