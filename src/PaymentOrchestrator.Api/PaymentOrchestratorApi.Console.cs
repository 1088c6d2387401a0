using System.Globalization;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Api.DeadLetters;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Orchestration.Intake;
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

    /// <summary>
    /// <c>GET /api/me</c>: the key's name and source, and the sales units that bind that source, each with the key's
    /// rights there and the dates it can reconcile.
    /// </summary>
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
                managesSalesUnits = caller.ManagesSalesUnits,
                salesUnits = units.Select(u => new
                {
                    msn = u.Msn.Value, name = u.Name, market = u.Market.ToString(), currency = u.Currency.ToString(), status = u.Status.ToString(),
                    rights = SourceRightsRules.Format(u.RightsOf(caller.Source)), reconciliation = ReconciliationFacts(u, caller),
                }),
            });
        });

    /// <summary>
    /// <c>GET /api/sales-units/{msn}/payment-list</c>: one page of the sales unit's sagas, newest creation first, read
    /// from the list index (<see cref="PaymentListQuery"/>): no total, since counting would read the partition.
    /// </summary>
    public Task<IResult> PaymentListAsync(HttpRequest request, string msn, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (unit, filter, problem) = await ListFilterAsync(request, msn, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var page = await PaymentListQuery.PageAsync(store, unit!.Msn, filter!, cancellationToken);
            return ApiJson.Ok(new
            {
                msn = unit.Msn.Value,
                salesUnit = unit.Name,
                currency = unit.Currency.ToString(),
                items = page.Items,
                continuation = page.Continuation,
                statuses = page.Statuses,
            });
        });

    /// <summary>
    /// <c>GET /api/sales-units/{msn}/payments-totals</c>, with the list's query: how many sagas the filter matches and
    /// per currency what they captured, refunded and kept (<see cref="PaymentListQuery.TotalsAsync"/>) — every matching
    /// saga, not a page, read from the list index (at most <see cref="PaymentListQuery.MaxTotalsScanned"/> rows;
    /// <c>complete</c> says whether it got to the end).
    /// </summary>
    public Task<IResult> PaymentsTotalsAsync(HttpRequest request, string msn, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (unit, filter, problem) = await ListFilterAsync(request, msn, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var totals = await PaymentListQuery.TotalsAsync(store, unit!.Msn, filter!, cancellationToken);
            return ApiJson.Ok(new
            {
                msn = unit.Msn.Value,
                count = totals.Count,
                complete = totals.Complete,
                scanned = totals.Scanned,
                currencies = totals.Currencies.Select(c => new
                {
                    currency = c.Currency, capturedMinorUnits = c.CapturedMinorUnits, refundedMinorUnits = c.RefundedMinorUnits, netMinorUnits = c.NetMinorUnits,
                }),
            });
        });

    /// <summary>
    /// The sales unit and the list's filter from the query (kind, status, from, to, q, limit, continuation), once for the
    /// list and its totals; or a problem: the key's reads right as every query route checks it, then the filter's form.
    /// </summary>
    private async Task<(SalesUnit? Unit, PaymentListFilter? Filter, IResult? Problem)> ListFilterAsync(
        HttpRequest request, string msn, CancellationToken cancellationToken)
    {
        var (unit, kindFilter, problem) = await AuthorizeQueryAsync(request, msn, Query(request, "kind"), cancellationToken);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        if (!TryInstant(Query(request, "from"), out var fromAt) || !TryInstant(Query(request, "to"), out var toAt))
        {
            return (null, null, Invalid("from and to must be ISO 8601 dates or instants (e.g. 2026-12-03 or 2026-12-03T00:00:00Z)."));
        }

        var size = PaymentListQuery.DefaultLimit;
        if (Query(request, "limit") is { } limit && !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size))
        {
            return (null, null, Invalid($"limit must be a whole number between 1 and {PaymentListQuery.MaxLimit}."));
        }

        var status = Query(request, "status");
        var filter = new PaymentListFilter(kindFilter, string.IsNullOrWhiteSpace(status) ? null : status, fromAt, toAt, Query(request, "q"), size,
            Query(request, "continuation"));
        return PaymentListQuery.Validate(filter) is { } error ? (null, null, Invalid(error)) : (unit, filter, null);
    }

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

    /// <summary>
    /// <c>GET /api/needs-attention</c>: per sales unit the key may read, sagas in NeedsAttention and near capture
    /// deadlines; 403 for a key that may read none of its sales units.
    /// </summary>
    public Task<IResult> NeedsAttentionAsync(HttpRequest request, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (_, units, problem) = await ReadableUnitsAsync(request, "what needs attention", cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var query = new NeedsAttentionQuery(store, deciders, time);
            var result = new List<object>();
            foreach (var unit in units)
            {
                result.Add(new { msn = unit.Msn.Value, name = unit.Name, items = await query.ForSalesUnitAsync(unit.Msn, cancellationToken) });
            }

            return ApiJson.Ok(new { salesUnits = result });
        });

    /// <summary>
    /// <c>GET /api/dead-letters</c>: per work queue, the dead letters of the sales units the key may read, and who
    /// replayed what lately; 403 for a key that may read none of its sales units.
    /// </summary>
    public Task<IResult> DeadLettersAsync(HttpRequest request, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (_, units, problem) = await ReadableUnitsAsync(request, "dead letters", cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var readable = units.Select(u => u.Msn.Value).ToHashSet(StringComparer.Ordinal);
            var result = new List<object>();
            foreach (var listing in await deadLetters.ListAsync(cancellationToken))
            {
                var messages = new List<DeadLetterView>();
                foreach (var m in listing.Messages.Where(m => m.Msn is not null && readable.Contains(m.Msn)))
                {
                    messages.Add(m.View.EventId is { } eventId
                        ? m.View with { History = await replayLog.HistoryAsync(m.Msn!, listing.Queue, eventId, cancellationToken) }
                        : m.View);
                }

                result.Add(new { queue = listing.Queue, poisonQueue = listing.DeadLetterQueue, messages });
            }

            var replays = new List<ReplayRecord>();
            foreach (var unit in units)
            {
                replays.AddRange(await replayLog.ListAsync(unit.Msn, RecentReplays, cancellationToken));
            }

            return ApiJson.Ok(new { peekLimit = deadLetters.PeekLimit, queues = result, replays = replays.OrderByDescending(r => r.At).Take(RecentReplays) });
        });

    /// <summary>
    /// <c>POST /api/dead-letters/{queue}/replay</c> with <c>{"messageId":"…"}</c> or <c>{"all":true}</c>: sends dead letters
    /// back to <paramref name="queue"/> unchanged — only those of sales units the key may read and whose event the key's
    /// source may send itself (a refund needs <c>refunds</c>, an order <c>payments</c>, …). A letter refused for a
    /// permanent reason (<see cref="DeadLetterReasons"/>) only with <c>"force": true</c>: without it, one such letter is a
    /// 409 and <c>all</c> leaves them (<c>needsForce</c> counts them). Each replay is recorded with the key's name and
    /// source and the letter's time, reason and delivery count (<see cref="ReplayLog"/>) and logged.
    /// </summary>
    public Task<IResult> ReplayAsync(HttpRequest request, string queue, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (caller, units, problem) = await ReadableUnitsAsync(request, "or replay dead letters", cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (!deadLetters.WorkQueues.Contains(queue, StringComparer.Ordinal))
            {
                return Problems.Create(StatusCodes.Status404NotFound, "unknown-queue", "Unknown queue",
                    $"'{Printable(queue)}' is not one of {string.Join(", ", deadLetters.WorkQueues)}.");
            }

            var (_, json, unreadable) = await RequestBodies.ReadObjectAsync(request, cancellationToken, emptyIsObject: true);
            if (json is null)
            {
                return unreadable!;
            }

            if (json.Any(p => p.Key is not ("messageId" or "all" or "force")))
            {
                return Invalid("The body takes only messageId or all, and force: {\"messageId\":\"…\"} or {\"all\":true}, with \"force\": true to replay letters refused for a permanent reason.");
            }

            var messageId = json["messageId"] is JsonValue id && id.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
            var all = json["all"] is JsonValue flag && flag.TryGetValue<bool>(out var b) && b;
            var force = json["force"] is JsonValue forced && forced.TryGetValue<bool>(out var f) && f;
            if ((messageId is null) == !all)
            {
                return Invalid("Give exactly one of messageId (one message) or \"all\": true (every message of this queue you may replay).");
            }

            var forbidden = 0;
            var permanent = new List<DeadLetter>();
            var chosen = new List<DeadLetter>();
            bool Choose(DeadLetter letter)
            {
                if (!all && letter.MessageId != messageId && letter.OriginalMessageId != messageId)
                {
                    return false;
                }

                // A letter of a sales unit the key may not read is as unknown as one that does not exist.
                if (units.FirstOrDefault(u => u.Msn.Value == letter.Msn) is not { } unit)
                {
                    return false;
                }

                if (!unit.May(caller!.Source, SourceRightsRules.NeededFor(letter.View.EventType ?? string.Empty)))
                {
                    forbidden++;
                    return false;
                }

                if (letter.View.Permanent && !force)
                {
                    permanent.Add(letter);
                    return false;
                }

                chosen.Add(letter);
                return true;
            }

            // A letter sent back moves money again (a refund), so its record must not depend on the caller staying: the
            // replay and its records run to the end once begun (no request token), and the letters chosen before a
            // failure are recorded all the same (finally) — a record too many at worst, never a replay without one.
            int replayed;
            try
            {
                replayed = await deadLetters.ReplayAsync(queue, Choose, CancellationToken.None);
            }
            finally
            {
                var at = time.GetUtcNow();
                foreach (var letter in chosen)
                {
                    LogReplayed(letter.MessageId, queue, caller!.Name, caller!.Source);
                    await replayLog.RecordAsync(new ReplayRecord(letter.Msn!, at, queue, letter.MessageId, letter.View.EventId, letter.View.EventType,
                        caller!.Name, caller!.Source)
                    {
                        DeadLetteredAt = letter.View.PoisonedAt, Reason = letter.View.Reason, DeliveryCount = letter.View.DequeueCount,
                    }, CancellationToken.None);
                }
            }

            if (messageId is not null && replayed == 0 && permanent.FirstOrDefault() is { } refused)
            {
                return Problems.Create(StatusCodes.Status409Conflict, "replay-refused-for-good", "Refused for a permanent reason",
                    $"Dead letter '{Printable(messageId)}' was refused because {Printable(refused.View.Reason)}: {Printable(refused.View.Description)} Replaying it unchanged "
                    + "will be refused again. Send \"force\": true to replay it anyway.");
            }

            if (messageId is not null && replayed == 0)
            {
                return forbidden > 0
                    ? Problems.Create(StatusCodes.Status403Forbidden, IntakeRejectionCodes.SourceNotPermitted, "Not allowed for this source",
                        $"This API key acts as '{caller!.Source}', which may not send the event of dead letter '{Printable(messageId)}' itself, so it may not replay it.")
                    : Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found",
                        $"The dead letters of {queue} hold no message '{Printable(messageId)}' of a sales unit this key may see.");
            }

            return ApiJson.Ok(new { queue, replayed, skipped = forbidden, needsForce = permanent.Count });
        });

    private async Task<IReadOnlyList<SalesUnit>> VisibleUnitsAsync(ApiCaller caller, CancellationToken cancellationToken) =>
        [.. (await salesUnits.ListAsync(cancellationToken)).Where(u => u.Allows(caller.Source)).OrderBy(u => u.Msn.Value, StringComparer.Ordinal)];

    /// <summary>
    /// The sales units the caller may read (<see cref="SourceRights.Reads"/>), or a problem: 401 without a key, 403 when
    /// it is bound to sales units but may read none of them. A key bound to none gets an empty list, as if none existed.
    /// </summary>
    private async Task<(ApiCaller? Caller, IReadOnlyList<SalesUnit> Units, IResult? Problem)> ReadableUnitsAsync(
        HttpRequest request, string what, CancellationToken cancellationToken)
    {
        if (Authenticate(request) is not { } caller)
        {
            return (null, [], Challenge());
        }

        var visible = await VisibleUnitsAsync(caller, cancellationToken);
        var readable = visible.Where(u => u.May(caller.Source, SourceRights.Reads)).ToList();
        return visible.Count > 0 && readable.Count == 0
            ? (caller, [], NotPermitted(caller, "read " + what))
            : (caller, readable, null);
    }

    private static IResult NotPermitted(ApiCaller caller, string action) =>
        Problems.Create(StatusCodes.Status403Forbidden, IntakeRejectionCodes.SourceNotPermitted, "Not allowed for this source",
            $"This API key acts as '{caller.Source}', which may not {action} (that needs the reads right, or for a replay the right the message's event needs).");

    /// <summary>Input echoed in an answer: its first 200 characters, anything not plain text escaped (<see cref="PlainText"/>).</summary>
    private static string Printable(string text) => PlainText.Escape(text.Length > 200 ? text[..200] : text);

    private static bool TryInstant(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        // Only ISO 8601 forms: DateTimeOffset.TryParse alone also takes 1/2/2026, which reads differently in Oslo and Ohio.
        if (IsoInstant().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex IsoInstant();
}
