using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.WebConsole;

namespace PaymentOrchestrator.Api;

/// <summary>
/// The console: its page and files (the embedded <see cref="ConsoleAssets"/>) and the routes only it needs — who the
/// key is, a filtered and paged list, a saga's next step, what needs attention, and the dead letters of the sales
/// units the key may see. Logic lives in <see cref="PaymentListQuery"/>, <see cref="SagaNextStep"/> and
/// <see cref="NeedsAttentionQuery"/>; the transport's dead letters behind <see cref="DeadLetters.IDeadLetterQueues"/>.
/// </summary>
public sealed partial class PaymentOrchestratorApi
{
    /// <summary>
    /// <c>GET /</c> (empty or null <paramref name="path"/>: the page) and <c>GET /console/{path}</c>: one console file
    /// with the strict Content-Security-Policy; 404 problem for anything else.
    /// </summary>
    public static IResult ConsoleFile(string? path)
    {
        var file = string.IsNullOrEmpty(path) ? "index.html" : ConsoleAssets.Prefix + path;
        return ConsoleAssets.Find(file) is { } asset
            ? new ConsoleAssetResult(asset)
            : Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found", "The console has no such file.");
    }

    /// <summary><c>GET /api/me</c>: the key's name and source, and the sales units that bind that source.</summary>
    public Task<IResult> MeAsync(HttpRequest request, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            if (Authenticate(request) is not { } caller)
            {
                return Challenge();
            }

            var units = await VisibleUnitsAsync(caller, cancellationToken);
            return ApiJson.Ok(new
            {
                name = caller.Name,
                source = caller.Source,
                salesUnits = units.Select(u => new { msn = u.Msn.Value, name = u.Name, market = u.Market.ToString(), currency = u.Currency.ToString(), status = u.Status.ToString() }),
            });
        });

    /// <summary><c>GET /api/sales-units/{msn}/payment-list</c>: one page of the sales unit's sagas, last change first.</summary>
    public Task<IResult> PaymentListAsync(HttpRequest request, string msn, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (unit, kindFilter, problem) = await AuthorizeQueryAsync(request, msn, Query(request, "kind"), cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (!TryInstant(Query(request, "from"), out var fromAt) || !TryInstant(Query(request, "to"), out var toAt))
            {
                return Invalid("from and to must be ISO 8601 dates or instants (e.g. 2026-12-03 or 2026-12-03T00:00:00Z).");
            }

            var size = PaymentListQuery.DefaultLimit;
            if (Query(request, "limit") is { } limit && !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size))
            {
                return Invalid($"limit must be a whole number between 1 and {PaymentListQuery.MaxLimit}.");
            }

            var status = Query(request, "status");
            var filter = new PaymentListFilter(kindFilter, string.IsNullOrWhiteSpace(status) ? null : status, fromAt, toAt, Query(request, "q"), size,
                Query(request, "continuation"));
            if (PaymentListQuery.Validate(filter) is { } error)
            {
                return Invalid(error);
            }

            var page = PaymentListQuery.Page(await store.ListAsync(unit!.Msn, cancellationToken: cancellationToken), filter);
            return ApiJson.Ok(new
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

    /// <summary><c>GET /api/sales-units/{msn}/payments/{reference}/next</c>: what can be done next with the saga.</summary>
    public Task<IResult> NextStepAsync(HttpRequest request, string msn, string reference, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (keys, problem) = await SagaKeysAsync(request, msn, reference, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            foreach (var key in keys)
            {
                if (await store.LoadAsync(key, cancellationToken) is { } stored)
                {
                    return ApiJson.Ok(SagaNextStep.From(stored.State, deciders.Epayment));
                }
            }

            return NoSuchPayment(msn, reference);
        });

    /// <summary><c>GET /api/needs-attention</c>: per sales unit of the key, sagas in NeedsAttention and near capture deadlines.</summary>
    public Task<IResult> NeedsAttentionAsync(HttpRequest request, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            if (Authenticate(request) is not { } caller)
            {
                return Challenge();
            }

            var query = new NeedsAttentionQuery(store, deciders, time);
            var result = new List<object>();
            foreach (var unit in await VisibleUnitsAsync(caller, cancellationToken))
            {
                result.Add(new { msn = unit.Msn.Value, name = unit.Name, items = await query.ForSalesUnitAsync(unit.Msn, cancellationToken) });
            }

            return ApiJson.Ok(new { salesUnits = result });
        });

    /// <summary><c>GET /api/dead-letters</c>: per work queue, the dead letters of the key's sales units.</summary>
    public Task<IResult> DeadLettersAsync(HttpRequest request, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            if (Authenticate(request) is not { } caller)
            {
                return Challenge();
            }

            var visible = await VisibleMsnsAsync(caller, cancellationToken);
            var result = new List<object>();
            foreach (var listing in await deadLetters.ListAsync(cancellationToken))
            {
                var messages = listing.Messages.Where(m => m.Msn is not null && visible.Contains(m.Msn)).Select(m => m.View).ToList();
                result.Add(new { queue = listing.Queue, poisonQueue = listing.DeadLetterQueue, messages });
            }

            return ApiJson.Ok(new { peekLimit = deadLetters.PeekLimit, queues = result });
        });

    /// <summary>
    /// <c>POST /api/dead-letters/{queue}/replay</c> with <c>{"messageId":"…"}</c> or <c>{"all":true}</c>: sends the key's
    /// sales units' dead letters back to <paramref name="queue"/> unchanged.
    /// </summary>
    public Task<IResult> ReplayAsync(HttpRequest request, string queue, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            if (Authenticate(request) is not { } caller)
            {
                return Challenge();
            }

            if (!deadLetters.WorkQueues.Contains(queue, StringComparer.Ordinal))
            {
                return Problems.Create(StatusCodes.Status404NotFound, "unknown-queue", "Unknown queue",
                    $"'{queue}' is not one of {string.Join(", ", deadLetters.WorkQueues)}.");
            }

            var (body, unreadable) = await RequestBodies.ReadAsync(request, cancellationToken);
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

            var visible = await VisibleMsnsAsync(caller, cancellationToken);
            var replayed = await deadLetters.ReplayAsync(queue, letter =>
                letter.Msn is { } owner && visible.Contains(owner) && (all || letter.MessageId == messageId || letter.OriginalMessageId == messageId),
                cancellationToken);
            if (messageId is not null && replayed == 0)
            {
                return Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found",
                    $"The dead letters of {queue} hold no message '{messageId}' of a sales unit this key may see.");
            }

            return ApiJson.Ok(new { queue, replayed });
        });

    private async Task<IReadOnlyList<SalesUnit>> VisibleUnitsAsync(ApiCaller caller, CancellationToken cancellationToken) =>
        [.. (await salesUnits.ListAsync(cancellationToken)).Where(u => u.Allows(caller.Source)).OrderBy(u => u.Msn.Value, StringComparer.Ordinal)];

    private async Task<HashSet<string>> VisibleMsnsAsync(ApiCaller caller, CancellationToken cancellationToken) =>
        (await VisibleUnitsAsync(caller, cancellationToken)).Select(u => u.Msn.Value).ToHashSet(StringComparer.Ordinal);

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
}
