using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Onboarding;
using Routes = PaymentOrchestrator.Orchestration.OrchestratorNames.Routes;

namespace PaymentOrchestrator.Api;

/// <summary>
/// Maps the route table of both hosts (<see cref="OrchestratorNames.Routes"/>, README "HTTP API") in an ASP.NET Core
/// host. The Functions app declares one HTTP function per route with the same template (host.json <c>routePrefix</c> is
/// "") that forwards to the same <see cref="PaymentOrchestratorApi"/> method.
/// </summary>
public static class ApiRoutes
{
    /// <summary>Every read route answers HEAD as GET (the server sends no body), as HTTP says it should.</summary>
    private static readonly string[] Reads = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Maps every route to <see cref="PaymentOrchestratorApi"/>, with the host's <see cref="ISagaSignaller"/> from DI.</summary>
    public static IEndpointRouteBuilder MapPaymentOrchestratorApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(Routes.Webhooks, (HttpRequest r, PaymentOrchestratorApi api, ISagaSignaller s, CancellationToken ct) => api.WebhookAsync(r, s, ct));
        endpoints.MapPost(Routes.Refunds, (HttpRequest r, PaymentOrchestratorApi api, ISagaSignaller s, CancellationToken ct) => api.RefundAsync(r, s, ct));
        endpoints.MapMethods(Routes.SalesUnitPayments, Reads, (HttpRequest r, string msn, PaymentOrchestratorApi api, CancellationToken ct) => api.ListAsync(r, msn, ct));
        endpoints.MapMethods(Routes.SalesUnitPayment, Reads, (HttpRequest r, string msn, string reference, PaymentOrchestratorApi api, CancellationToken ct) =>
            api.GetAsync(r, msn, reference, ct));
        endpoints.MapMethods(Routes.Health, Reads, (HttpRequest r, PaymentOrchestratorApi api, CancellationToken ct) => api.HealthAsync(r, ct));
        endpoints.MapMethods(Routes.Reconciliation, Reads, (HttpRequest r, string msn, PaymentOrchestratorApi api, CancellationToken ct) => api.ReconciliationAsync(r, msn, ct));
        endpoints.MapMethods(Routes.Me, Reads, (HttpRequest r, PaymentOrchestratorApi api, CancellationToken ct) => api.MeAsync(r, ct));
        endpoints.MapMethods(Routes.PaymentList, Reads, (HttpRequest r, string msn, PaymentOrchestratorApi api, CancellationToken ct) => api.PaymentListAsync(r, msn, ct));
        endpoints.MapMethods(Routes.PaymentsTotals, Reads, (HttpRequest r, string msn, PaymentOrchestratorApi api, CancellationToken ct) => api.PaymentsTotalsAsync(r, msn, ct));
        endpoints.MapGet(Routes.PaymentsExport, (HttpRequest r, string msn, PaymentOrchestratorApi api, CancellationToken ct) => api.PaymentsExportAsync(r, msn, ct));
        endpoints.MapPost(Routes.ReconcileNow, (HttpRequest r, string msn, PaymentOrchestratorApi api, CancellationToken ct) => api.ReconcileNowAsync(r, msn, ct));
        endpoints.MapMethods(Routes.NextStep, Reads, (HttpRequest r, string msn, string reference, PaymentOrchestratorApi api, CancellationToken ct) =>
            api.NextStepAsync(r, msn, reference, ct));
        endpoints.MapMethods(Routes.NeedsAttention, Reads, (HttpRequest r, PaymentOrchestratorApi api, CancellationToken ct) => api.NeedsAttentionAsync(r, ct));
        endpoints.MapMethods(Routes.DeadLetters, Reads, (HttpRequest r, PaymentOrchestratorApi api, CancellationToken ct) => api.DeadLettersAsync(r, ct));
        endpoints.MapPost(Routes.DeadLettersReplay, (HttpRequest r, string queue, PaymentOrchestratorApi api, CancellationToken ct) => api.ReplayAsync(r, queue, ct));
        // Onboarding a new merchant.
        endpoints.MapPost(Routes.Onboarding, (HttpRequest r, PaymentOrchestratorApi api, MerchantOnboarding o, CancellationToken ct) => api.StartOnboardingAsync(r, o, ct));
        endpoints.MapMethods(Routes.Onboarding, Reads, (HttpRequest r, PaymentOrchestratorApi api, MerchantOnboarding o, CancellationToken ct) => api.OnboardingsAsync(r, o, ct));
        // The registry following Vipps.
        endpoints.MapMethods(Routes.SalesUnits, Reads, (HttpRequest r, PaymentOrchestratorApi api, CancellationToken ct) => api.SalesUnitsAsync(r, ct));
        endpoints.MapPost(Routes.SalesUnits, (HttpRequest r, PaymentOrchestratorApi api, CancellationToken ct) => api.RegisterSalesUnitAsync(r, ct));
        endpoints.MapPost(Routes.SalesUnitsSync, (HttpRequest r, PaymentOrchestratorApi api, CancellationToken ct) => api.SyncSalesUnitsAsync(r, ct));
        endpoints.MapMethods(Routes.ConsoleRoot, Reads, () => PaymentOrchestratorApi.ConsoleFile(null));
        endpoints.MapMethods(Routes.ConsoleFiles, Reads, (string? path) => PaymentOrchestratorApi.ConsoleFile(path ?? string.Empty));
        return endpoints;
    }
}
