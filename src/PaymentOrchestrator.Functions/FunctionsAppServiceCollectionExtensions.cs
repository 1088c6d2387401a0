using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Api;
using PaymentOrchestrator.Api.DeadLetters;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Publishing;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// DI of the Functions app: everything its <c>Program.cs</c> registers, in one method that the API conformance suite
/// (tests/PaymentOrchestrator.Api.Tests, <c>FunctionsApiHost</c>) calls too, replacing only the <see cref="ServiceBusClient"/>.
/// </summary>
public static class FunctionsAppServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="ServiceBusClient"/> from the <c>ServiceBusConnection</c> setting (read now, so a missing
    /// setting stops the start with a message saying what to set), the outcome publisher on the <c>payment-events</c>
    /// queue, the orchestrator, the saga hand-off, the HTTP API and its dead letters on the Service Bus queues.
    /// </summary>
    /// <exception cref="InvalidOperationException">Service Bus is not configured (<see cref="ServiceBusConnectionSetting.Read"/>).</exception>
    public static IServiceCollection AddPaymentOrchestratorFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // ServiceBusClient(string, TokenCredential) / (string connectionString): azure-sdk-for-net
        // sdk/servicebus/Azure.Messaging.ServiceBus/api/Azure.Messaging.ServiceBus.net8.0.cs.
        var serviceBus = ServiceBusConnectionSetting.Read(configuration);
        services.AddSingleton(_ => serviceBus switch
        {
            { FullyQualifiedNamespace: { } ns, ManagedIdentityClientId: { } clientId } =>
                new ServiceBusClient(ns, new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))),
            { FullyQualifiedNamespace: { } ns } => new ServiceBusClient(ns, new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)),
            { ConnectionString: { } connectionString } => new ServiceBusClient(connectionString),
            _ => throw new InvalidOperationException(serviceBus.ToString()),
        });

        // Outcomes go to the Service Bus queue payment-events; registered before AddPaymentOrchestrator, whose default
        // (a Storage queue) is a TryAdd.
        services.AddSingleton<IOutcomePublisher>(sp => new ServiceBusOutcomePublisher(
            sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentEventsQueue),
            sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>()));

        services.AddPaymentOrchestrator(configuration);
        services.AddSagaHosting(configuration);
        services.AddSagaActivities();

        // The HTTP API both hosts serve (keys bound to sources from the section Api: Api__Keys__N__Name/Key/Source); its
        // dead letters are the Service Bus queues' $deadletterqueue sub-queues.
        services.AddPaymentOrchestratorApi(configuration);
        services.AddSingleton<IDeadLetterQueues, ServiceBusDeadLetters>();
        return services;
    }
}
