using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Stores;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.WebConsole;

namespace PaymentOrchestrator.Local.Api;

/// <summary>
/// The console: its page and files (the same embedded assets every host serves) and the API routes only it needs —
/// who the key is, a filtered and paged list, a saga's next step, what needs attention, and the dead letters of the
/// sales units the key may see. Authentication and the sales unit check are <see cref="LocalApi"/>'s; logic lives in
/// <see cref="PaymentListQuery"/>, <see cref="SagaNextStep"/>, <see cref="NeedsAttentionQuery"/> and <see cref="DeadLetterView"/>.
/// </summary>
internal static class ConsoleApi
{
    public const string Me = "api/me";
    public const string PaymentList = "api/sales-units/{msn}/payment-list";
    public const string NextStep = "api/sales-units/{msn}/payments/{reference}/next";
    public const string NeedsAttention = "api/needs-attention";
    public const string DeadLetters = "api/dead-letters";
    public const string DeadLettersReplay = "api/dead-letters/{queue}/replay";

    public static void MapConsole(this WebApplication app)
    {
        app.MapGet("/", (HttpContext context) => ServeAsset(context, "index.html"));
        app.MapGet("/" + ConsoleAssets.Prefix + "{**path}", (HttpContext context, string path) => ServeAsset(context, ConsoleAssets.Prefix + path));
        app.MapGet(Me, MeAsync);
        app.MapGet(PaymentList, PaymentListAsync);
        app.MapGet(NextStep, NextStepAsync);
        app.MapGet(NeedsAttention, NeedsAttentionAsync);
        app.MapGet(DeadLetters, DeadLettersAsync);
        app.MapPost(DeadLettersReplay, ReplayAsync);
    }

    private static IResult ServeAsset(HttpContext context, string path)
    {
        if (ConsoleAssets.Find(path) is not { } asset)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found", "The console has no such file.");
        }

        foreach (var (name, value) in ConsoleAssets.SecurityHeaders)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static Task<IResult> MeAsync(HttpRequest request, ApiKeyAuthenticator keys, SalesUnitStore salesUnits, ILoggerFactory logs, CancellationToken cancellationToken) =>
        GuardAsync(logs, cancellationToken, async () =>
        {
            if (LocalApi.Authenticate(request, keys) is not { } caller)
            {
                return LocalApi.Challenge();
            }

            var units = await VisibleUnitsAsync(caller, salesUnits, cancellationToken);
            return Results.Ok(new
            {
                name = caller.Name,
                source = caller.Source,
                salesUnits = units.Select(u => new { msn = u.Msn.Value, name = u.Name, market = u.Market.ToString(), currency = u.Currency.ToString(), status = u.Status.ToString() }),
            });
        });

    private static Task<IResult> PaymentListAsync(
        string msn, string? kind, string? status, string? from, string? to, string? q, string? limit, string? continuation,
        HttpRequest request, ApiKeyAuthenticator keys, SalesUnitStore salesUnits, SagaStore store, ILoggerFactory logs, CancellationToken cancellationToken) =>
        GuardAsync(logs, cancellationToken, async () =>
        {
            var (unit, kindFilter, problem) = await LocalApi.AuthorizeQueryAsync(msn, kind, request, keys, salesUnits, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (!TryInstant(from, out var fromAt) || !TryInstant(to, out var toAt))
            {
                return Invalid("from and to must be ISO 8601 dates or instants (e.g. 2026-12-03 or 2026-12-03T00:00:00Z).");
            }

            var size = PaymentListQuery.DefaultLimit;
            if (!string.IsNullOrEmpty(limit) && !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size))
            {
                return Invalid($"limit must be a whole number between 1 and {PaymentListQuery.MaxLimit}.");
            }

            var filter = new PaymentListFilter(kindFilter, string.IsNullOrWhiteSpace(status) ? null : status, fromAt, toAt, q, size,
                string.IsNullOrEmpty(continuation) ? null : continuation);
            if (PaymentListQuery.Validate(filter) is { } error)
            {
                return Invalid(error);
            }

            var page = PaymentListQuery.Page(await store.ListAsync(unit!.Msn, cancellationToken: cancellationToken), filter);
            return Results.Ok(new
            {
                msn = unit.Msn.Value,
                salesUnit = unit.Name,
                currency = unit.Currency.ToString(),
                total = page.Total,
                items = page.Items,
                continuation = page.Continuation,
                statuses = page.Statuses,
            });
        });

    private static Task<IResult> NextStepAsync(
        string msn, string reference, string? kind, HttpRequest request, ApiKeyAuthenticator keys, SalesUnitStore salesUnits, SagaStore store,
        SagaDeciders deciders, ILoggerFactory logs, CancellationToken cancellationToken) =>
        GuardAsync(logs, cancellationToken, async () =>
        {
            var (unit, kindFilter, problem) = await LocalApi.AuthorizeQueryAsync(msn, kind, request, keys, salesUnits, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (!LocalApi.IdPattern().IsMatch(reference))
            {
                return Invalid($"'{reference}' is not a payment reference, subscription id or charge id (1-64 of A-Z a-z 0-9 . _ -).");
            }

            foreach (var candidate in kindFilter is { } k ? [k] : new[] { SagaKind.Payment, SagaKind.Charge, SagaKind.Agreement })
            {
                if (await store.LoadAsync(new SagaKey(candidate, unit!.Msn, reference), cancellationToken) is { } stored)
                {
                    return Results.Ok(SagaNextStep.From(stored.State, deciders.Epayment));
                }
            }

            return Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found", $"Sales unit {msn} has no payment '{reference}'.");
        });

    private static Task<IResult> NeedsAttentionAsync(
        HttpRequest request, ApiKeyAuthenticator keys, SalesUnitStore salesUnits, SagaStore store, SagaDeciders deciders, TimeProvider time,
        ILoggerFactory logs, CancellationToken cancellationToken) =>
        GuardAsync(logs, cancellationToken, async () =>
        {
            if (LocalApi.Authenticate(request, keys) is not { } caller)
            {
                return LocalApi.Challenge();
            }

            var query = new NeedsAttentionQuery(store, deciders, time);
            var result = new List<object>();
            foreach (var unit in await VisibleUnitsAsync(caller, salesUnits, cancellationToken))
            {
                result.Add(new { msn = unit.Msn.Value, name = unit.Name, items = await query.ForSalesUnitAsync(unit.Msn, cancellationToken) });
            }

            return Results.Ok(new { salesUnits = result });
        });

    private static Task<IResult> DeadLettersAsync(
        HttpRequest request, ApiKeyAuthenticator keys, SalesUnitStore salesUnits, QueueServiceClient queues, IOptions<LocalHostSettings> settings,
        ILoggerFactory logs, CancellationToken cancellationToken) =>
        GuardAsync(logs, cancellationToken, async () =>
        {
            if (LocalApi.Authenticate(request, keys) is not { } caller)
            {
                return LocalApi.Challenge();
            }

            var visible = (await VisibleUnitsAsync(caller, salesUnits, cancellationToken)).Select(u => u.Msn.Value).ToHashSet(StringComparer.Ordinal);
            var result = new List<object>();
            foreach (var (poisonQueue, _, first) in await new DeadLetterQueues(queues).ListAsync(WorkQueues(settings.Value), cancellationToken))
            {
                var messages = first
                    .Where(e => e.Message is not null)
                    .Select(e => DeadLetterView.From(e.MessageId, e.Message!))
                    .Where(v => v.Msn is not null && visible.Contains(v.Msn))
                    .ToList();
                result.Add(new { queue = poisonQueue[..^QueueWorker.PoisonQueueName(string.Empty).Length], poisonQueue, messages });
            }

            return Results.Ok(new { peekLimit = QueueLimits.MaxMessagesPerReceive, queues = result });
        });

    private static Task<IResult> ReplayAsync(
        string queue, HttpRequest request, ApiKeyAuthenticator keys, SalesUnitStore salesUnits, QueueServiceClient queues,
        IOptions<LocalHostSettings> settings, ILoggerFactory logs, CancellationToken cancellationToken) =>
        GuardAsync(logs, cancellationToken, async () =>
        {
            if (LocalApi.Authenticate(request, keys) is not { } caller)
            {
                return LocalApi.Challenge();
            }

            if (!WorkQueues(settings.Value).Contains(queue, StringComparer.Ordinal))
            {
                return Problems.Create(StatusCodes.Status404NotFound, "unknown-queue", "Unknown queue",
                    $"'{queue}' is not one of {string.Join(", ", WorkQueues(settings.Value))}.");
            }

            var (body, unreadable) = await LocalApi.ReadBodyAsync(request, cancellationToken);
            if (body is null)
            {
                return unreadable!;
            }

            string? messageId;
            bool all;
            try
            {
                var json = body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
                messageId = json?["messageId"] is JsonValue id && id.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
                all = json?["all"] is JsonValue flag && flag.TryGetValue<bool>(out var b) && b;
            }
            catch (JsonException)
            {
                return Invalid("The body must be JSON: {\"messageId\":\"…\"} or {\"all\":true}.");
            }

            if ((messageId is null) == !all)
            {
                return Invalid("Give exactly one of messageId (one message) or \"all\": true (every message of this queue you may see).");
            }

            var visible = (await VisibleUnitsAsync(caller, salesUnits, cancellationToken)).Select(u => u.Msn.Value).ToHashSet(StringComparer.Ordinal);
            var replayed = await new DeadLetterQueues(queues).ReplayAsync(queue, (poisonId, wrapper) =>
                DeadLetterView.MsnOf(wrapper) is { } owner && visible.Contains(owner) && (all || poisonId == messageId || wrapper.MessageId == messageId),
                cancellationToken);
            if (messageId is not null && replayed == 0)
            {
                return Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found",
                    $"{queue}-poison holds no message '{messageId}' of a sales unit this key may see.");
            }

            return Results.Ok(new { queue, replayed });
        });

    private static string[] WorkQueues(LocalHostSettings settings) =>
        [settings.Queues.PaymentRequests, settings.Queues.RefundRequests];

    private static async Task<IReadOnlyList<SalesUnit>> VisibleUnitsAsync(ApiCaller caller, SalesUnitStore salesUnits, CancellationToken cancellationToken) =>
        [.. (await salesUnits.ListAsync(cancellationToken)).Where(u => u.Allows(caller.Source)).OrderBy(u => u.Msn.Value, StringComparer.Ordinal)];

    private static bool TryInstant(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static IResult Invalid(string detail) => Problems.Create(StatusCodes.Status400BadRequest, "InvalidValue", "Invalid request", detail);

    /// <summary>Storage that does not answer is a 503 problem the console can explain, not a stack trace.</summary>
    private static async Task<IResult> GuardAsync(ILoggerFactory logs, CancellationToken cancellationToken, Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (Exception e) when (StorageErrors.IsUnreachable(e) || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logs.CreateLogger(typeof(ConsoleApi).FullName!).LogWarning("A console request failed: storage unreachable: {Type}: {Message}", e.GetType().Name, e.Message);
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "storage-unavailable", "Storage unreachable",
                "The orchestrator's storage did not answer; try again in a moment.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not storage: a bug of ours. The person sees a problem with an id to quote; the log has the detail.
            var id = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            logs.CreateLogger(typeof(ConsoleApi).FullName!).LogError(e, "A console request failed ({ProblemId})", id);
            return Problems.Create(StatusCodes.Status500InternalServerError, "internal-error", "Something went wrong",
                "The request could not be completed. Quote " + id + " to support.");
        }
    }
}
