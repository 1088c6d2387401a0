using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Webhooks;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// The HTTP API, the same routes as the local host (host.json sets <c>routePrefix</c> to "" so the routes below are
/// the full paths). Errors are application/problem+json. HttpTriggerAttribute(AuthorizationLevel, params string[]) {
/// Route } (azure-functions-dotnet-worker extensions/Worker.Extensions.Http/src/HttpTriggerAttribute.cs); HttpRequest and
/// IResult through the ASP.NET Core integration (Worker.Extensions.Http.AspNetCore FunctionsHttpProxyingMiddleware.cs).
/// </summary>
public sealed class HttpApi(
    WebhookRouter webhooks, SagaHandoff handoff, SagaQueries queries, ApiKeyAuthorizer apiKeys)
{
    /// <summary>Vipps webhooks: HMAC-verified (401 otherwise, nothing changes), then the saga is signalled.</summary>
    [Function(HostingNames.Functions.Webhooks)]
    public async Task<IResult> WebhooksAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OrchestratorNames.Routes.Webhooks)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await ReadBodyAsync(request, cancellationToken);
        var routed = await webhooks.RouteAsync(
            body, request.Headers["x-ms-date"], request.Headers["x-ms-content-sha256"], request.Headers.Authorization, cancellationToken);
        switch (routed)
        {
            case WebhookUnauthorized unauthorized:
                return Problem(StatusCodes.Status401Unauthorized, "Webhook signature not accepted", unauthorized.Reason);
            case WebhookMalformed malformed:
                return Problem(StatusCodes.Status400BadRequest, "Webhook payload is not valid JSON", malformed.Reason);
            case WebhookRouted target when await handoff.SignalAsync(target.Saga, new WebhookReceived(target.EventName), cancellationToken) is { } ready:
                await new DurableClientSagaSignaller(client).SignalAsync(ready.Progress, cancellationToken);
                break;
        }

        return Results.Ok();
    }

    /// <summary>Finance's refunds: a refund CloudEvent, API-key protected; 202 once saved, 422 with the reason if refused.</summary>
    [Function(HostingNames.Functions.Refunds)]
    public async Task<IResult> RefundsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OrchestratorNames.Routes.Refunds)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!apiKeys.IsAuthorized(request.Headers[HostingNames.ApiKeyHeader]))
        {
            return Problem(StatusCodes.Status401Unauthorized, "API key required", $"Send a valid key in the {HostingNames.ApiKeyHeader} header.");
        }

        switch (await handoff.AcceptAsync(await ReadBodyAsync(request, cancellationToken), EventTypeSets.RefundRequests, cancellationToken))
        {
            case HandoffRejected rejected:
                return Problem(StatusCodes.Status422UnprocessableEntity, rejected.Code, rejected.Message);
            case HandoffReady ready:
                await new DurableClientSagaSignaller(client).SignalAsync(ready.Progress, cancellationToken);
                return Results.Accepted(SagaRouteKeys.PathOf(ready.Key), new { saga = ready.Key.ToString(), duplicate = ready.Duplicate });
            default:
                throw new InvalidOperationException("Unknown handoff result.");
        }
    }

    /// <summary>A sales unit's sagas (<c>?kind=payment|agreement|charge</c> filters).</summary>
    [Function(HostingNames.Functions.ListPayments)]
    public async Task<IResult> ListPaymentsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OrchestratorNames.Routes.SalesUnitPayments)] HttpRequest request,
        string msn,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!apiKeys.IsAuthorized(request.Headers[HostingNames.ApiKeyHeader]))
        {
            return Problem(StatusCodes.Status401Unauthorized, "API key required", $"Send a valid key in the {HostingNames.ApiKeyHeader} header.");
        }

        var unit = SagaRouteKeys.ParseMsn(msn);
        var kind = SagaRouteKeys.ParseKindFilter(request.Query["kind"]);
        if (!unit.IsValid || !kind.IsValid)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid route", unit.Error ?? kind.Error);
        }

        return Results.Json(await queries.ListAsync(unit.Value, kind.Value, cancellationToken), SagaStateJson.Options);
    }

    /// <summary>One saga with its state and full timeline.</summary>
    [Function(HostingNames.Functions.GetPayment)]
    public async Task<IResult> GetPaymentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OrchestratorNames.Routes.SalesUnitPayment)] HttpRequest request,
        string msn,
        string reference,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!apiKeys.IsAuthorized(request.Headers[HostingNames.ApiKeyHeader]))
        {
            return Problem(StatusCodes.Status401Unauthorized, "API key required", $"Send a valid key in the {HostingNames.ApiKeyHeader} header.");
        }

        var key = SagaRouteKeys.Parse(msn, reference, request.Query["kind"]);
        if (!key.IsValid)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid route", key.Error);
        }

        return await queries.GetAsync(key.Value, cancellationToken) is { } view
            ? Results.Json(view, SagaStateJson.Options)
            : Problem(StatusCodes.Status404NotFound, "Not found", $"No saga {key.Value}.");
    }

    [Function(HostingNames.Functions.Health)]
    public static IResult Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OrchestratorNames.Routes.Health)] HttpRequest request) =>
        Results.Json(new { status = "ok" });

    // Results.Problem writes application/problem+json (ASP.NET Core Microsoft.AspNetCore.Http.Results).
    private static IResult Problem(int status, string title, string? detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
