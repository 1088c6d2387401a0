using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Webhooks;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Local.Api;

/// <summary>
/// The HTTP API (the same routes as the Functions host): Vipps webhooks (signature-verified), refunds and payment
/// queries (API key), health. Every error is application/problem+json.
/// </summary>
internal static partial class LocalApi
{
    /// <summary>Webhook and refund bodies larger than this are refused before they are read further.</summary>
    private const int MaxBodyBytes = 256 * 1024;

    public static void MapLocalApi(this WebApplication app)
    {
        app.MapPost(OrchestratorNames.Routes.Webhooks, WebhookAsync);
        app.MapPost(OrchestratorNames.Routes.Refunds, RefundAsync);
        app.MapGet(OrchestratorNames.Routes.SalesUnitPayments, ListAsync);
        app.MapGet(OrchestratorNames.Routes.SalesUnitPayment, GetAsync);
        app.MapGet(OrchestratorNames.Routes.Health, HealthAsync);
        app.MapReconciliationApi();
    }

    // The CloudEvent's id, for the answer (the intake accepted it, so it is there).
    private static string EventId(byte[] cloudEvent) =>
        JsonNode.Parse(cloudEvent, documentOptions: StrictJson.DocumentOptions)?["id"]?.GetValue<string>() ?? string.Empty;

    private static async Task<IResult> WebhookAsync(
        HttpRequest request, WebhookProcessor processor, ISagaSignaller signaller, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var result = await processor.ProcessAsync(
            body, Header(request, "x-ms-date"), Header(request, "x-ms-content-sha256"), Header(request, "Authorization"), cancellationToken);
        switch (result)
        {
            case WebhookUnauthorized unauthorized:
                return Problems.Create(StatusCodes.Status401Unauthorized, "webhook-signature", "Webhook signature refused", unauthorized.Reason);
            case WebhookMalformed malformed:
                return Problems.Create(StatusCodes.Status400BadRequest, "malformed-json", "Invalid webhook payload", malformed.Reason);
            case WebhookIgnored ignored:
                return Results.Ok(new { status = "ignored", reason = ignored.Reason });
            case WebhookApplied applied:
                await signaller.SignalAsync(applied.Progress, cancellationToken);
                return Results.Ok(new { status = "applied", saga = applied.Saga.ToString(), @event = applied.EventName });
            default:
                throw new InvalidOperationException("Unknown webhook result.");
        }
    }

    private static async Task<IResult> RefundAsync(
        HttpRequest request, ApiKeyAuthenticator keys, SagaHandoff handoff, ISagaSignaller signaller, SagaStore store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Authenticate(request, keys) is not { } caller)
        {
            return Challenge();
        }

        if (!JsonContentTypes.Accepts(request.ContentType))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported content type",
                $"Send the refund as {string.Join(" or ", JsonContentTypes.All)}; got '{request.ContentType ?? "no Content-Type"}'.");
        }

        var (body, unreadable) = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        JsonObject? json;
        try
        {
            // Parsed here only to tell the two forms apart; the event parser checks the whole event again.
            json = JsonNode.Parse(body, documentOptions: StrictJson.DocumentOptions) as JsonObject;
        }
        catch (JsonException e)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "malformed-json", "Invalid request", "The body is not JSON: " + e.Message);
        }

        if (json is null)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "not-an-object", "Invalid request", "The body must be a JSON object.");
        }

        byte[] cloudEvent;
        if (json.ContainsKey("specversion"))
        {
            // A whole CloudEvent, as finance would queue it: it may only speak for the caller's own source.
            if (json["source"]?.GetValueKind() != JsonValueKind.String || (string?)json["source"] != caller.Source)
            {
                return Problems.Create(StatusCodes.Status403Forbidden, "source-mismatch", "Not allowed for this source",
                    $"This API key acts as source '{caller.Source}'; the event's source must be that.");
            }

            cloudEvent = body;
        }
        else
        {
            var (built, error) = RefundRequestEvents.FromBody(json, caller.Source, time.GetUtcNow());
            if (built is null)
            {
                return Problems.Create(StatusCodes.Status400BadRequest, "MissingField", "Invalid request", error!);
            }

            cloudEvent = built;
        }

        switch (await handoff.AcceptAsync(cloudEvent, EventTypeSets.RefundRequests, cancellationToken))
        {
            case HandoffReady { Duplicate: true } duplicate:
                await signaller.SignalAsync(duplicate.Progress, cancellationToken);
                var dup = duplicate.Key;
                return Results.Ok(new RefundAccepted("duplicate", dup.Kind.ToString().ToLowerInvariant(), dup.Msn.Value, dup.Id, null, EventId(cloudEvent)));
            case HandoffReady ready:
                await signaller.SignalAsync(ready.Progress, cancellationToken);
                var key = ready.Key;
                var saved = await store.LoadAsync(key, cancellationToken);
                return Results.Accepted(SagaLocation(key), new RefundAccepted("accepted", key.Kind.ToString().ToLowerInvariant(), key.Msn.Value, key.Id,
                    saved is null ? null : SagaStore.StatusOf(saved.State), EventId(cloudEvent)));
            case HandoffRejected { Code: IntakeRejectionCodes.UnknownSalesUnit or IntakeRejectionCodes.SourceNotBound }:
                return UnknownSalesUnit();
            case HandoffRejected rejected:
                return Problems.Rejected(rejected.Code, rejected.Message);
            default:
                throw new InvalidOperationException("Unknown handoff result.");
        }
    }

    private static async Task<IResult> ListAsync(
        string msn, string? kind, HttpRequest request, ApiKeyAuthenticator keys, SalesUnitStore salesUnits, SagaQueries queries,
        CancellationToken cancellationToken)
    {
        var (unit, kindFilter, problem) = await AuthorizeQueryAsync(msn, kind, request, keys, salesUnits, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var sagas = await queries.ListAsync(unit!.Msn, kindFilter, cancellationToken);
        return Results.Ok(new { msn = unit.Msn.Value, salesUnit = unit.Name, payments = sagas.OrderBy(s => s.CreatedAt) });
    }

    private static async Task<IResult> GetAsync(
        string msn, string reference, string? kind, HttpRequest request, ApiKeyAuthenticator keys, SalesUnitStore salesUnits,
        SagaQueries queries, CancellationToken cancellationToken)
    {
        var (unit, kindFilter, problem) = await AuthorizeQueryAsync(msn, kind, request, keys, salesUnits, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!IdPattern().IsMatch(reference))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "InvalidValue", "Invalid request",
                $"'{reference}' is not a payment reference, subscription id or charge id (1-64 of A-Z a-z 0-9 . _ -).");
        }

        // Without ?kind= the id is looked up as a payment, then a charge, then an agreement.
        foreach (var candidate in kindFilter is { } k ? [k] : new[] { SagaKind.Payment, SagaKind.Charge, SagaKind.Agreement })
        {
            if (await queries.GetAsync(new SagaKey(candidate, unit!.Msn, reference), cancellationToken) is { } view)
            {
                return Results.Ok(view);
            }
        }

        return Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found", $"Sales unit {msn} has no payment '{reference}'.");
    }

    private static async Task<IResult> HealthAsync(
        QueueServiceClient queues, SalesUnitStore salesUnits, IOptions<LocalHostSettings> settings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var names = settings.Value.Queues;
            var depths = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in new[] { names.PaymentRequests, names.RefundRequests })
            {
                depths[name] = (await queues.GetQueueClient(name).GetPropertiesAsync(timeout.Token)).Value.ApproximateMessagesCount;
                var poison = QueueWorker.PoisonQueueName(name);
                depths[poison] = (await queues.GetQueueClient(poison).GetPropertiesAsync(timeout.Token)).Value.ApproximateMessagesCount;
            }

            var units = await salesUnits.ListAsync(timeout.Token);
            return Results.Ok(new { status = "Healthy", storage = "reachable", salesUnits = units.Count, queues = depths });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The endpoint needs no key: the exception (storage host, port, account) goes to the log, not to the caller.
            LogUnhealthy(loggers.CreateLogger(typeof(LocalApi).FullName!), e);
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "unhealthy", "Storage unreachable",
                "Storage did not answer; the host's log has the details.");
        }
    }

    internal static async Task<(SalesUnit? Unit, SagaKind? Kind, IResult? Problem)> AuthorizeQueryAsync(
        string msn, string? kind, HttpRequest request, ApiKeyAuthenticator keys, SalesUnitStore salesUnits, CancellationToken cancellationToken)
    {
        if (Authenticate(request, keys) is not { } caller)
        {
            return (null, null, Challenge());
        }

        var parsedMsn = Msn.Create(msn);
        if (!parsedMsn.IsValid)
        {
            return (null, null, Problems.Create(StatusCodes.Status400BadRequest, "InvalidValue", "Invalid request", parsedMsn.Error!));
        }

        SagaKind? kindFilter = null;
        if (!string.IsNullOrEmpty(kind))
        {
            kindFilter = kind switch
            {
                "payment" => SagaKind.Payment,
                "agreement" => SagaKind.Agreement,
                "charge" => SagaKind.Charge,
                _ => null,
            };
            if (kindFilter is null)
            {
                return (null, null, Problems.Create(StatusCodes.Status400BadRequest, "InvalidValue", "Invalid request", "kind must be payment, agreement or charge."));
            }
        }

        // A sales unit that does not bind the caller's source answers exactly as one that does not exist, so that a key
        // cannot be used to learn which sales units are registered.
        var unit = await salesUnits.GetAsync(parsedMsn.Value, cancellationToken);
        if (unit is null || !unit.Allows(caller.Source))
        {
            return (null, null, UnknownSalesUnit());
        }

        if (!unit.May(caller.Source, SourceRights.Reads))
        {
            return (null, null, Problems.Create(StatusCodes.Status403Forbidden, IntakeRejectionCodes.SourceNotPermitted, "Not allowed for this source",
                $"This API key acts as '{caller.Source}', which may not read sales unit {msn}'s payments (it may: {SourceRightsRules.Format(unit.RightsOf(caller.Source))})."));
        }

        return (unit, kindFilter, null);
    }

    /// <summary>One answer for "not registered" and "registered but not for this key's source" (no registry probing).</summary>
    private static IResult UnknownSalesUnit() =>
        Problems.Create(StatusCodes.Status404NotFound, IntakeRejectionCodes.UnknownSalesUnit, "Unknown sales unit",
            "The sales unit is not registered for this API key's source.");

    internal static ApiCaller? Authenticate(HttpRequest request, ApiKeyAuthenticator keys)
    {
        var presented = Header(request, LocalDefaults.ApiKeyHeader);
        if (presented is null && Header(request, "Authorization") is { } authorization
            && authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["ApiKey ".Length..].Trim();
        }

        return keys.Authenticate(presented);
    }

    internal static IResult Challenge() =>
        new ChallengeResult(Problems.Unauthorized($"Send a valid API key in the {LocalDefaults.ApiKeyHeader} header (Local:ApiKeys)."));

    private static string SagaLocation(SagaKey key) =>
        $"/api/sales-units/{key.Msn.Value}/payments/{Uri.EscapeDataString(key.Id)}?kind={key.Kind.ToString().ToLowerInvariant()}";

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && !string.IsNullOrEmpty(values.ToString()) ? values.ToString() : null;

    /// <summary>
    /// The body, or the problem to answer instead: 413 when it exceeds <see cref="MaxBodyBytes"/>, 400 when the client
    /// stopped sending before its Content-Length (a dropped connection is the client's fault, not an error of ours).
    /// </summary>
    internal static async Task<(byte[]? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var tooLarge = Problems.Create(StatusCodes.Status413PayloadTooLarge, "too-large", "Request too large", $"The body exceeds {MaxBodyBytes} bytes.");
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return (null, tooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, "incomplete-body", "Request body incomplete", e.Message));
        }

        return (buffer.ToArray(), null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check failed: storage unreachable")]
    private static partial void LogUnhealthy(ILogger logger, Exception exception);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    internal static partial Regex IdPattern();

    /// <summary>401 with <c>WWW-Authenticate: ApiKey</c> and a problem body.</summary>
    private sealed class ChallengeResult(IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{LocalDefaults.ApiKeyHeader}\"";
            return problem.ExecuteAsync(httpContext);
        }
    }
}
