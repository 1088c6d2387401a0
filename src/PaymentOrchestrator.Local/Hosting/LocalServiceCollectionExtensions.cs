using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Api;
using PaymentOrchestrator.Api.DeadLetters;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Local.Startup;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Local.Durable;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Local.Hosting;

/// <summary>DI of the local host: the orchestrator core plus its Durable engine, queue workers, the HTTP API and start-up helpers.</summary>
public static class LocalServiceCollectionExtensions
{
    public static IServiceCollection AddLocalHost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalHostSettings>().Bind(configuration.GetSection(LocalHostSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LocalHostSettings>, LocalHostSettingsValidator>();

        // The host receives from its queues, so it settles messages that are not base64 itself (AddPaymentOrchestrator
        // keeps this registration: it only adds its own when none is there).
        services.AddSingleton(sp =>
        {
            StorageClients? clients = null;
            clients = new StorageClients(sp.GetRequiredService<IOptions<StorageConnectionOptions>>().Value,
                onUndecodableMessage: args => UndecodableMessages.PoisonAsync(clients!.Queues, args, sp.GetRequiredService<TimeProvider>()));
            return clients;
        });
        services.AddPaymentOrchestrator(configuration);

        services.AddSagaHosting(configuration);
        services.AddSagaActivities();

        // The Durable engine runs the sagas; it starts before the queue workers and stops after them.
        services.AddSingleton(sp => new EngineClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ActivitySlots(sp.GetRequiredService<IOptions<LocalHostSettings>>().Value.Durable.MaxConcurrentActivities));
        services.AddSingleton<DurableEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
        services.AddSingleton<LocalSagaSignaller>();
        services.AddSingleton<ISagaSignaller>(sp => sp.GetRequiredService<LocalSagaSignaller>());

        // The HTTP API: keys from Local:ApiKeys (and the section Api, as in the Functions app), dead letters from the
        // poison queues.
        services.AddPaymentOrchestratorApi(configuration);
        services.AddOptions<ApiKeyOptions>().Configure<IOptions<LocalHostSettings>>((api, local) => api.Keys.AddRange(local.Value.ApiKeys));
        services.AddSingleton<IDeadLetterQueues, StorageQueueDeadLetters>();
        services.AddSingleton<WebhookRegistrar>();
        services.AddSingleton<SalesUnitSeeder>();
        services.AddSingleton<IHostedService>(sp => Worker(sp, s => s.PaymentRequests, s => s.PaymentRequestsConcurrency,
            Incoming(sp, EventTypeSets.PaymentRequests)));
        services.AddSingleton<IHostedService>(sp => Worker(sp, s => s.RefundRequests, s => s.RefundRequestsConcurrency,
            Incoming(sp, EventTypeSets.RefundRequests)));

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.Configure<HostOptions>(host => host.ShutdownTimeout =
            configuration.GetSection(LocalHostSettings.SectionName).Get<LocalHostSettings>()?.ShutdownTimeout ?? TimeSpan.FromSeconds(30));
        return services;
    }

    /// <summary>The queues the local host creates at start: its two work queues and their poison queues (payment-events is the core's).</summary>
    public static IReadOnlyList<string> QueueNames(QueueSettings queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        string[] work = [queues.PaymentRequests, queues.RefundRequests];
        return [.. work, .. work.Select(QueueWorker.PoisonQueueName)];
    }

    private static IncomingEventHandler Incoming(IServiceProvider services, IReadOnlySet<string>? allowedTypes) =>
        new(services.GetRequiredService<MessageSettlement>(), services.GetRequiredService<ISagaSignaller>(), allowedTypes);

    private static QueueWorker Worker(
        IServiceProvider services, Func<QueueSettings, string> name, Func<QueueSettings, int> concurrency, IQueueMessageHandler handler)
    {
        var queues = services.GetRequiredService<IOptions<LocalHostSettings>>().Value.Queues;
        return new QueueWorker(services.GetRequiredService<QueueServiceClient>(), name(queues), concurrency(queues), handler, queues,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<QueueWorker>>(),
            services.GetRequiredService<ActivitySlots>());
    }
}
