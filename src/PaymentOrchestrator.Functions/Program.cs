// Azure Functions isolated worker entry point. It builds in the test command (README); QueueTriggers.cs only with
// IncludeServiceBusTriggers=true (docs/deployment.md). SDK members are named with their source where not obvious.
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Api;
using PaymentOrchestrator.Api.DeadLetters;
using PaymentOrchestrator.Functions;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Publishing;

// FunctionsApplication.CreateBuilder already calls ConfigureFunctionsWorkerDefaults
// (azure-functions-dotnet-worker src/DotNetWorker/Builder/FunctionsApplication.cs, FunctionsApplicationBuilder.cs).
var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: HTTP triggers take HttpRequest and return IResult
// (extensions/Worker.Extensions.Http.AspNetCore/src/FunctionsApplicationBuilderAspNetCoreExtensions.cs,
// FunctionsMiddleware/FunctionsHttpProxyingMiddleware.cs handles IResult).
builder.ConfigureFunctionsWebApplication();

// Outcomes go to the Service Bus queue payment-events; registered before AddPaymentOrchestrator, whose default
// (a Storage queue) is a TryAdd. ServiceBusClient(string, TokenCredential) / (string connectionString) and
// CreateSender(string): azure-sdk-for-net sdk/servicebus/Azure.Messaging.ServiceBus/api/Azure.Messaging.ServiceBus.net8.0.cs.
var serviceBus = ServiceBusConnectionSetting.Read(builder.Configuration);
builder.Services.AddSingleton(_ => serviceBus switch
{
    { FullyQualifiedNamespace: { } ns, ManagedIdentityClientId: { } clientId } =>
        new ServiceBusClient(ns, new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))),
    { FullyQualifiedNamespace: { } ns } => new ServiceBusClient(ns, new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)),
    { ConnectionString: { } connectionString } => new ServiceBusClient(connectionString),
    _ => throw new InvalidOperationException(serviceBus.ToString()),
});
builder.Services.AddSingleton<IOutcomePublisher>(sp => new ServiceBusOutcomePublisher(
    sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentEventsQueue),
    sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>()));

builder.Services.AddPaymentOrchestrator(builder.Configuration);
builder.Services.AddSagaHosting(builder.Configuration);

// The HTTP API both hosts serve (keys bound to sources from the section Api: Api__Keys__N__Name/Key/Source); its dead
// letters are the Service Bus queues' $deadletterqueue sub-queues.
builder.Services.AddPaymentOrchestratorApi(builder.Configuration);
builder.Services.AddSingleton<IDeadLetterQueues, ServiceBusDeadLetters>();

builder.Build().Run();
