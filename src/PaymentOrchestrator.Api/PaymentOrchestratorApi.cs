using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PaymentOrchestrator.Api.DeadLetters;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Reconciliation;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Api;

/// <summary>
/// The HTTP API of both hosts (routes in <see cref="ApiRoutes"/>): Vipps webhooks (signature-verified), refunds,
/// payment queries, reconciliation, health, and the console's page and routes. Every caller with a key acts as the
/// key's CloudEvents source and sees only the sales units that bind it. Every error is application/problem+json with a
/// <c>code</c>. An input is applied to its saga row (<see cref="SagaHandoff"/>) and then handed to the host's engine
/// through the <see cref="ISagaSignaller"/> the host passes in: no saga is driven in a request.
/// </summary>
public sealed partial class PaymentOrchestratorApi(
    ApiKeyAuthenticator keys,
    SalesUnitStore salesUnits,
    SagaStore store,
    SagaQueries queries,
    SagaDeciders deciders,
    SagaHandoff handoff,
    WebhookProcessor webhooks,
    ReconciliationStore reconciliations,
    ReconciliationJob reconciliation,
    IDeadLetterQueues deadLetters,
    ReplayLog replayLog,
    TimeProvider time,
    ILogger<PaymentOrchestratorApi> logger,
    Orchestration.SalesUnits.SalesUnitRegistry registry)
{
    /// <summary><c>POST /api/vipps/webhooks</c>: 401 unless the HMAC verifies; then the saga reads the resource back.</summary>
    public Task<IResult> WebhookAsync(HttpRequest request, ISagaSignaller signaller, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            ArgumentNullException.ThrowIfNull(signaller);
            var (body, unreadable) = await RequestBodies.ReadAsync(request, cancellationToken);
            if (body is null)
            {
                return unreadable!;
            }

            switch (await webhooks.ProcessAsync(
                body, Header(request, "x-ms-date"), Header(request, "x-ms-content-sha256"), Header(request, "Authorization"), cancellationToken))
            {
                case WebhookUnauthorized unauthorized:
                    return Problems.Create(StatusCodes.Status401Unauthorized, "webhook-signature", "Webhook signature refused", unauthorized.Reason);
                case WebhookMalformed malformed:
                    return Problems.Create(StatusCodes.Status400BadRequest, "malformed-json", "Invalid webhook payload", malformed.Reason);
                case WebhookIgnored ignored:
                    return ApiJson.Ok(new { status = "ignored", reason = ignored.Reason });
                case WebhookApplied applied:
                    if (applied.Changed)
                    {
                        await signaller.SignalAsync(applied.Progress, cancellationToken);
                    }

                    return ApiJson.Ok(new { status = "applied", saga = applied.Saga.ToString(), @event = applied.EventName });
                default:
                    throw new InvalidOperationException("Unknown webhook result.");
            }
        });

    /// <summary>
    /// <c>POST /api/refunds</c>: a refund as a whole CloudEvent (its source must be the key's) or as a simple body made into
    /// one (<see cref="RefundRequestEvents"/>). 202 once applied to the saga row, 200 for a repeat, a problem otherwise.
    /// The refund's row records the key's name and source (from authentication, never from the body) and the time;
    /// <c>requestedBy</c> stays the client's free-text note.
    /// </summary>
    public Task<IResult> RefundAsync(HttpRequest request, ISagaSignaller signaller, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            ArgumentNullException.ThrowIfNull(signaller);
            if (Authenticate(request) is not { } caller)
            {
                return Challenge();
            }

            var (body, json, unreadable) = await ReadJsonObjectAsync(request, "refund", cancellationToken);
            if (json is null)
            {
                return unreadable!;
            }

            byte[] cloudEvent;
            string eventId;
            if (json.ContainsKey("specversion"))
            {
                // A whole CloudEvent, as finance would queue it: it may only speak for the caller's own source.
                if (json["source"]?.GetValueKind() != JsonValueKind.String || (string?)json["source"] != caller.Source)
                {
                    return Problems.Create(StatusCodes.Status403Forbidden, "source-mismatch", "Not allowed for this source",
                        $"This API key acts as source '{caller.Source}'; the event's source must be that.");
                }

                cloudEvent = body!;
                eventId = json["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : string.Empty;
            }
            else
            {
                var (built, builtId, error) = RefundRequestEvents.FromBody(json, caller.Source, time.GetUtcNow());
                if (built is null)
                {
                    return Problems.Create(StatusCodes.Status400BadRequest, "MissingField", "Invalid request", error!);
                }

                cloudEvent = built;
                eventId = builtId!;
            }

            switch (await handoff.AcceptAsync(cloudEvent, EventTypeSets.RefundRequests, caller.Name, cancellationToken))
            {
                case HandoffRejected { Code: IntakeRejectionCodes.UnknownSalesUnit or IntakeRejectionCodes.SourceNotBound }:
                    return UnknownSalesUnit();
                case HandoffRejected rejected:
                    return Problems.Rejected(rejected.Code, rejected.Message);
                case HandoffReady ready:
                    await signaller.SignalAsync(ready.Progress, cancellationToken);
                    var key = ready.Key;
                    var sagaStatus = await store.LoadAsync(key, cancellationToken) is { } saved ? SagaStore.StatusOf(saved.State) : null;
                    var answer = new RefundAccepted(ready.Duplicate ? "duplicate" : "accepted", key.Kind.ToString().ToLowerInvariant(), key.Msn.Value, key.Id,
                        sagaStatus, eventId);
                    return ready.Duplicate
                        ? ApiJson.Ok(answer)
                        : ApiHeaders.Location(Results.Json(answer, ApiJson.Options, statusCode: StatusCodes.Status202Accepted), SagaRouteKeys.PathOf(key));
                default:
                    throw new InvalidOperationException("Unknown hand-off result.");
            }
        });

    /// <summary><c>GET /api/sales-units/{msn}/payments[?kind=]</c>: the sales unit's sagas with amounts.</summary>
    public Task<IResult> ListAsync(HttpRequest request, string msn, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (unit, kindFilter, problem) = await AuthorizeQueryAsync(request, msn, Query(request, "kind"), cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var sagas = await queries.ListAsync(unit!.Msn, kindFilter, cancellationToken);
            return ApiJson.Ok(new { msn = unit.Msn.Value, salesUnit = unit.Name, payments = sagas.OrderBy(s => s.CreatedAt) });
        });

    /// <summary><c>GET /api/sales-units/{msn}/payments/{reference}[?kind=]</c>: one saga with its state and timeline.</summary>
    public Task<IResult> GetAsync(HttpRequest request, string msn, string reference, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (keys, problem) = await SagaKeysAsync(request, msn, reference, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            foreach (var key in keys)
            {
                if (await queries.GetAsync(key, cancellationToken) is { } view)
                {
                    return ApiJson.Ok(view);
                }
            }

            return NoSuchPayment(msn, reference);
        });

    /// <summary>
    /// <c>GET /api/health</c>: up or down for anyone (503 without details when storage is down); with a valid key also the
    /// queue depths and how many sales units the key sees — nothing a stranger may use to size the registry or the backlog.
    /// </summary>
    public Task<IResult> HealthAsync(HttpRequest request, CancellationToken cancellationToken) =>
        WithApiHeaders(HealthAnswerAsync(request, cancellationToken));

    private async Task<IResult> HealthAnswerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            // A stranger's check costs one point read; only a key's reads the registry (its count of units).
            if (Authenticate(request) is not { } caller)
            {
                await salesUnits.ProbeAsync(timeout.Token);
                return ApiJson.Ok(new { status = "Healthy" });
            }

            var units = await salesUnits.ListAsync(timeout.Token);
            var depths = await deadLetters.DepthsAsync(timeout.Token);
            return ApiJson.Ok(new { status = "Healthy", storage = "reachable", salesUnits = units.Count(u => u.Allows(caller.Source)), queues = depths });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception (storage host, port, account) goes to the log, not to the caller.
            LogUnhealthy(e);
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "unhealthy", "Storage unreachable",
                "Storage did not answer; the host's log has the details.");
        }
    }

    /// <summary><c>GET /api/sales-units/{msn}/reconciliation?date=yyyy-MM-dd</c>: the stored reconciliation of a ledger date.</summary>
    public Task<IResult> ReconciliationAsync(HttpRequest request, string msn, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (unit, _, problem) = await AuthorizeQueryAsync(request, msn, null, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (!DateOnly.TryParseExact(Query(request, "date"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var ledgerDate))
            {
                return Invalid("Give the ledger date as ?date=yyyy-MM-dd.");
            }

            var day = await reconciliations.GetAsync(unit!.Msn, ledgerDate, cancellationToken);
            return day is null
                ? Problems.Create(StatusCodes.Status404NotFound, "not-reconciled", "Not reconciled",
                    $"Sales unit {unit.Msn.Value} has no reconciliation for {ledgerDate:yyyy-MM-dd} yet: the daily job runs once the date has ended, or run 'reconcile --msn {unit.Msn.Value} --date {ledgerDate:yyyy-MM-dd}'.")
                : ApiJson.Ok(day);
        });

    /// <summary>
    /// The caller's key, from the <c>x-api-key</c> header or <c>Authorization: ApiKey …</c>; null when missing or unknown.
    /// </summary>
    internal ApiCaller? Authenticate(HttpRequest request)
    {
        var presented = Header(request, HostingNames.ApiKeyHeader);
        if (presented is null && Header(request, "Authorization") is { } authorization
            && authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["ApiKey ".Length..].Trim();
        }

        return keys.Authenticate(presented);
    }

    private async Task<(SalesUnit? Unit, SagaKind? Kind, IResult? Problem)> AuthorizeQueryAsync(
        HttpRequest request, string msn, string? kind, CancellationToken cancellationToken)
    {
        if (Authenticate(request) is not { } caller)
        {
            return (null, null, Challenge());
        }

        var parsedMsn = Msn.Create(msn);
        if (!parsedMsn.IsValid)
        {
            return (null, null, Problems.Create(StatusCodes.Status400BadRequest, "InvalidValue", "Invalid request", parsedMsn.Error!));
        }

        var kindFilter = SagaRouteKeys.ParseKindFilter(kind);
        if (!kindFilter.IsValid)
        {
            return (null, null, Invalid(kindFilter.Error!));
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

        return (unit, kindFilter.Value, null);
    }

    /// <summary>One answer for "not registered" and "registered but not for this key's source" (no registry probing).</summary>
    private static IResult UnknownSalesUnit() =>
        Problems.Create(StatusCodes.Status404NotFound, IntakeRejectionCodes.UnknownSalesUnit, "Unknown sales unit",
            "The sales unit is not registered for this API key's source.");

    private static IResult NoSuchPayment(string msn, string reference) =>
        Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found", $"Sales unit {msn} has no payment '{reference}'.");

    /// <summary>The body as a JSON object, or the problem: 415 for a content type that is not JSON, else as <see cref="RequestBodies.ReadObjectAsync"/>.</summary>
    private static async Task<(byte[]? Body, JsonObject? Json, IResult? Problem)> ReadJsonObjectAsync(HttpRequest request, string what, CancellationToken cancellationToken) =>
        JsonContentTypes.Accepts(request.ContentType)
            ? await RequestBodies.ReadObjectAsync(request, cancellationToken)
            : (null, null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported content type",
                $"Send the {what} as {string.Join(" or ", JsonContentTypes.All)}; got '{request.ContentType ?? "no Content-Type"}'."));

    /// <summary>401 with <c>WWW-Authenticate: ApiKey</c> and a problem body.</summary>
    private static IResult Challenge() =>
        new ApiHeaders(Problems.Unauthorized($"Send a valid API key in the {HostingNames.ApiKeyHeader} header."),
            ("WWW-Authenticate", $"ApiKey header=\"{HostingNames.ApiKeyHeader}\""));

    private static IResult Invalid(string detail) => Problems.Create(StatusCodes.Status400BadRequest, "InvalidValue", "Invalid request", detail);

    private static SagaKind[] Candidates(SagaKind? kind) => kind is { } k ? [k] : [SagaKind.Payment, SagaKind.Charge, SagaKind.Agreement];

    /// <summary>
    /// The keys one saga route may name, after the key's rights on the sales unit and the id's form are checked: the
    /// <c>?kind=</c> given, or else a payment, then a charge, then an agreement. A problem instead when refused.
    /// </summary>
    private async Task<(IReadOnlyList<SagaKey> Keys, IResult? Problem)> SagaKeysAsync(
        HttpRequest request, string msn, string reference, CancellationToken cancellationToken)
    {
        var (unit, kindFilter, problem) = await AuthorizeQueryAsync(request, msn, Query(request, "kind"), cancellationToken);
        if (problem is not null)
        {
            return ([], problem);
        }

        if (!IdPattern().IsMatch(reference))
        {
            return ([], Invalid($"'{reference}' is not a payment reference, subscription id or charge id (1-64 of A-Z a-z 0-9 . _ -)."));
        }

        return ([.. Candidates(kindFilter).Select(kind => new SagaKey(kind, unit!.Msn, reference))], null);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && !string.IsNullOrEmpty(values.ToString()) ? values.ToString() : null;

    private static string? Query(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && !string.IsNullOrEmpty(values.ToString()) ? values.ToString() : null;

    /// <summary>
    /// Every answer of a handler, with the API's headers (<see cref="ApiHeaders"/>). Storage that does not answer, and a
    /// saga row that kept changing under concurrent writers, are 503 problems with <c>Retry-After</c> a client can act
    /// on; anything else a 500 with an id: never a stack trace.
    /// </summary>
    private Task<IResult> GuardAsync(CancellationToken cancellationToken, Func<Task<IResult>> handler) =>
        WithApiHeaders(AnswerAsync(cancellationToken, handler));

    private static async Task<IResult> WithApiHeaders(Task<IResult> answer) => ApiHeaders.Standard(await answer);

    private async Task<IResult> AnswerAsync(CancellationToken cancellationToken, Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (Exception e) when (StorageErrors.IsUnreachable(e) || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogStorageUnreachable(e.GetType().Name, e.Message);
            return ApiHeaders.RetryAfter(Problems.Create(StatusCodes.Status503ServiceUnavailable, "storage-unavailable", "Storage unreachable",
                "The orchestrator's storage did not answer; try again in a moment."), StorageRetryAfterSeconds);
        }
        catch (SagaConcurrencyException e)
        {
            // Nothing was applied; the same request again is safe (its event id dedupes it) and will most likely go through.
            LogBusy(e.Message);
            return ApiHeaders.RetryAfter(Problems.Create(StatusCodes.Status503ServiceUnavailable, "saga-busy", "Payment busy",
                "The payment was changed by other requests at the same moment and this one was not applied; send it again."), BusyRetryAfterSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug of ours: the person sees a problem with an id to quote; the log has the detail.
            var id = Activity.Current?.TraceId.ToString() ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            LogFailed(e, id);
            return Problems.InternalError(id);
        }
    }

    /// <summary>How many recent replays <c>GET /api/dead-letters</c> shows.</summary>
    private const int RecentReplays = 20;

    private const int StorageRetryAfterSeconds = 5;
    private const int BusyRetryAfterSeconds = 1;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request was not applied: {Reason}")]
    private partial void LogBusy(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter {DeadLetterId} of {Queue} replayed by {KeyName} ({Source})")]
    private partial void LogReplayed(string deadLetterId, string queue, string keyName, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check failed: storage unreachable")]
    private partial void LogUnhealthy(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request failed: storage unreachable: {Type}: {Message}")]
    private partial void LogStorageUnreachable(string type, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "A request failed ({ProblemId})")]
    private partial void LogFailed(Exception exception, string problemId);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    internal static partial Regex IdPattern();
}
