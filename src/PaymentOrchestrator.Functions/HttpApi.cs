using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentOrchestrator.Api;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Onboarding;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// The HTTP API as functions: each one only forwards to the same <see cref="PaymentOrchestratorApi"/> method the local
/// host maps, on the same route (<see cref="OrchestratorNames.Routes"/>; host.json sets <c>routePrefix</c> to ""), handing sagas off
/// with a <see cref="DurableClientSagaSignaller"/> over the [DurableClient] binding. HttpTriggerAttribute(AuthorizationLevel,
/// params string[]) { Route } (azure-functions-dotnet-worker extensions/Worker.Extensions.Http/src/HttpTriggerAttribute.cs);
/// HttpRequest in, IResult out through the ASP.NET Core integration (Worker.Extensions.Http.AspNetCore,
/// FunctionsHttpProxyingMiddleware.cs); route values bind to parameters of the same name. Keys are the API's (app
/// settings <c>Api__Keys__N__Name</c>, <c>__Key</c>, <c>__Source</c>; docs/deployment.md).
/// </summary>
public sealed class HttpApi(PaymentOrchestratorApi api)
{
    [Function(HostingNames.Functions.Webhooks)]
    public async Task<IResult> WebhooksAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OrchestratorNames.Routes.Webhooks)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        await EnsureMaintenanceAsync(request, client, cancellationToken);
        return await api.WebhookAsync(request, new DurableClientSagaSignaller(client), cancellationToken);
    }

    [Function(HostingNames.Functions.Refunds)]
    public async Task<IResult> RefundsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OrchestratorNames.Routes.Refunds)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        await EnsureMaintenanceAsync(request, client, cancellationToken);
        return await api.RefundAsync(request, new DurableClientSagaSignaller(client), cancellationToken);
    }

    [Function(HostingNames.Functions.ListPayments)]
    public Task<IResult> ListPaymentsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.SalesUnitPayments)] HttpRequest request,
        string msn,
        CancellationToken cancellationToken) =>
        api.ListAsync(request, msn, cancellationToken);

    [Function(HostingNames.Functions.GetPayment)]
    public Task<IResult> GetPaymentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.SalesUnitPayment)] HttpRequest request,
        string msn,
        string reference,
        CancellationToken cancellationToken) =>
        api.GetAsync(request, msn, reference, cancellationToken);

    [Function(HostingNames.Functions.Health)]
    public Task<IResult> HealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.HealthAsync(request, cancellationToken);

    [Function(HostingNames.Functions.Reconciliation)]
    public Task<IResult> ReconciliationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.Reconciliation)] HttpRequest request,
        string msn,
        CancellationToken cancellationToken) =>
        api.ReconciliationAsync(request, msn, cancellationToken);

    [Function(HostingNames.Functions.Me)]
    public Task<IResult> MeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.Me)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.MeAsync(request, cancellationToken);

    [Function(HostingNames.Functions.PaymentList)]
    public Task<IResult> PaymentListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.PaymentList)] HttpRequest request,
        string msn,
        CancellationToken cancellationToken) =>
        api.PaymentListAsync(request, msn, cancellationToken);

    [Function(HostingNames.Functions.PaymentsTotals)]
    public Task<IResult> PaymentsTotalsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.PaymentsTotals)] HttpRequest request,
        string msn,
        CancellationToken cancellationToken) =>
        api.PaymentsTotalsAsync(request, msn, cancellationToken);

    [Function(HostingNames.Functions.PaymentsExport)]
    public Task<IResult> PaymentsExportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OrchestratorNames.Routes.PaymentsExport)] HttpRequest request,
        string msn,
        CancellationToken cancellationToken) =>
        api.PaymentsExportAsync(request, msn, cancellationToken);

    [Function(HostingNames.Functions.ReconcileNow)]
    public Task<IResult> ReconcileNowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OrchestratorNames.Routes.ReconcileNow)] HttpRequest request,
        string msn,
        CancellationToken cancellationToken) =>
        api.ReconcileNowAsync(request, msn, cancellationToken);

    [Function(HostingNames.Functions.NextStep)]
    public Task<IResult> NextStepAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.NextStep)] HttpRequest request,
        string msn,
        string reference,
        CancellationToken cancellationToken) =>
        api.NextStepAsync(request, msn, reference, cancellationToken);

    [Function(HostingNames.Functions.NeedsAttention)]
    public Task<IResult> NeedsAttentionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.NeedsAttention)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.NeedsAttentionAsync(request, cancellationToken);

    [Function(HostingNames.Functions.DeadLetters)]
    public Task<IResult> DeadLettersAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.DeadLetters)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.DeadLettersAsync(request, cancellationToken);

    [Function(HostingNames.Functions.ReplayDeadLetters)]
    public Task<IResult> ReplayDeadLettersAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OrchestratorNames.Routes.DeadLettersReplay)] HttpRequest request,
        string queue,
        CancellationToken cancellationToken) =>
        api.ReplayAsync(request, queue, cancellationToken);

    /// <summary>
    /// Onboarding a new merchant: one function for the route's methods (one function per route), the service from the
    /// request's scope as the local host's route binds it.
    /// </summary>
    [Function(HostingNames.Functions.Onboarding)]
    public Task<IResult> OnboardingAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = OrchestratorNames.Routes.Onboarding)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var onboarding = request.HttpContext.RequestServices.GetRequiredService<MerchantOnboarding>();
        return HttpMethods.IsPost(request.Method)
            ? api.StartOnboardingAsync(request, onboarding, cancellationToken)
            : api.OnboardingsAsync(request, onboarding, cancellationToken);
    }
    /// <summary>One function for the route's two methods: GET (HEAD) lists side by side with Vipps, POST registers.</summary>
    [Function(HostingNames.Functions.SalesUnits)]
    public Task<IResult> SalesUnitsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = OrchestratorNames.Routes.SalesUnits)] HttpRequest request,
        CancellationToken cancellationToken) =>
        HttpMethods.IsPost(request.Method) ? api.RegisterSalesUnitAsync(request, cancellationToken) : api.SalesUnitsAsync(request, cancellationToken);

    [Function(HostingNames.Functions.SalesUnitsSync)]
    public Task<IResult> SalesUnitsSyncAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OrchestratorNames.Routes.SalesUnitsSync)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.SyncSalesUnitsAsync(request, cancellationToken);

    /// <summary>The console's page at the app's root (see <see cref="OrchestratorNames.Routes.ConsoleRoot"/> for why the route is not empty).</summary>
    [Function(HostingNames.Functions.ConsolePage)]
    public static IResult ConsolePage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.ConsoleRoot)] HttpRequest request) =>
        PaymentOrchestratorApi.ConsoleFile(null);

    [Function(HostingNames.Functions.ConsoleFiles)]
    public static IResult ConsoleFiles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = OrchestratorNames.Routes.ConsoleFiles)] HttpRequest request,
        string? path) =>
        PaymentOrchestratorApi.ConsoleFile(path ?? string.Empty);

    /// <summary>
    /// The functions with a Durable client make sure, once per process, that the maintenance orchestration runs (the
    /// Service Bus triggers do the same): the Functions app has no start-up hook with a Durable client and no timer
    /// trigger here, and once started the eternal orchestration survives restarts.
    /// </summary>
    private static Task EnsureMaintenanceAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken) =>
        MaintenanceStarter.EnsureStartedOnceAsync(
            client,
            request.HttpContext.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger<HttpApi>() ?? NullLogger<HttpApi>.Instance,
            cancellationToken);
}
