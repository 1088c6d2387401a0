using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Api;

/// <summary>
/// The route table of both hosts (README "HTTP API"). The local host maps it with
/// <see cref="MapPaymentOrchestratorApi"/>; the Functions app declares one HTTP function per route with the same
/// template (host.json <c>routePrefix</c> is "") that forwards to the same <see cref="PaymentOrchestratorApi"/> method.
/// </summary>
public static class ApiRoutes
{
    public const string Webhooks = OrchestratorNames.Routes.Webhooks;
    public const string Refunds = OrchestratorNames.Routes.Refunds;
    public const string SalesUnitPayments = OrchestratorNames.Routes.SalesUnitPayments;
    public const string SalesUnitPayment = OrchestratorNames.Routes.SalesUnitPayment;
    public const string Health = OrchestratorNames.Routes.Health;
    public const string Reconciliation = "api/sales-units/{msn}/reconciliation";
    public const string Me = "api/me";
    public const string PaymentList = "api/sales-units/{msn}/payment-list";
    public const string NextStep = "api/sales-units/{msn}/payments/{reference}/next";
    public const string NeedsAttention = "api/needs-attention";
    public const string DeadLetters = "api/dead-letters";
    public const string DeadLettersReplay = "api/dead-letters/{queue}/replay";

    /// <summary>
    /// The console's page at the root. In the Functions app an empty route cannot be declared (Azure-Functions#2473), so
    /// it is an optional parameter that only an empty path satisfies; a catch-all there would compete with the API's
    /// routes, which the Functions host orders differently from ASP.NET Core (azure-functions-host#9876).
    /// </summary>
    public const string ConsoleRoot = "{root:maxlength(0)?}";

    /// <summary>The console's files, under their literal prefix so they never shadow an API route.</summary>
    public const string ConsoleFiles = "console/{*path}";

    /// <summary>Maps every route to <see cref="PaymentOrchestratorApi"/>, with the host's <see cref="ISagaSignaller"/> from DI.</summary>
    public static IEndpointRouteBuilder MapPaymentOrchestratorApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(Webhooks, (HttpRequest r, PaymentOrchestratorApi api, ISagaSignaller s, CancellationToken ct) => api.WebhookAsync(r, s, ct));
        endpoints.MapPost(Refunds, (HttpRequest r, PaymentOrchestratorApi api, ISagaSignaller s, CancellationToken ct) => api.RefundAsync(r, s, ct));
        endpoints.MapGet(SalesUnitPayments, (HttpRequest r, string msn, PaymentOrchestratorApi api, CancellationToken ct) => api.ListAsync(r, msn, ct));
        endpoints.MapGet(SalesUnitPayment, (HttpRequest r, string msn, string reference, PaymentOrchestratorApi api, CancellationToken ct) =>
            api.GetAsync(r, msn, reference, ct));
        endpoints.MapGet(Health, (PaymentOrchestratorApi api, CancellationToken ct) => api.HealthAsync(ct));
        endpoints.MapGet(Reconciliation, (HttpRequest r, string msn, PaymentOrchestratorApi api, CancellationToken ct) => api.ReconciliationAsync(r, msn, ct));
        endpoints.MapGet(Me, (HttpRequest r, PaymentOrchestratorApi api, CancellationToken ct) => api.MeAsync(r, ct));
        endpoints.MapGet(PaymentList, (HttpRequest r, string msn, PaymentOrchestratorApi api, CancellationToken ct) => api.PaymentListAsync(r, msn, ct));
        endpoints.MapGet(NextStep, (HttpRequest r, string msn, string reference, PaymentOrchestratorApi api, CancellationToken ct) =>
            api.NextStepAsync(r, msn, reference, ct));
        endpoints.MapGet(NeedsAttention, (HttpRequest r, PaymentOrchestratorApi api, CancellationToken ct) => api.NeedsAttentionAsync(r, ct));
        endpoints.MapGet(DeadLetters, (HttpRequest r, PaymentOrchestratorApi api, CancellationToken ct) => api.DeadLettersAsync(r, ct));
        endpoints.MapPost(DeadLettersReplay, (HttpRequest r, string queue, PaymentOrchestratorApi api, CancellationToken ct) => api.ReplayAsync(r, queue, ct));
        endpoints.MapGet("/", () => PaymentOrchestratorApi.ConsoleFile(null));
        endpoints.MapGet(ConsoleFiles, (string? path) => PaymentOrchestratorApi.ConsoleFile(path ?? string.Empty));
        return endpoints;
    }
}
