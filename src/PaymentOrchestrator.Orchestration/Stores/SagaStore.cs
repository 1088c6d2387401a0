using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using Azure;
using Azure.Data.Tables;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// Saga rows, their timelines, operations, unpublished outcomes and applied-event markers in one table, partitioned by
/// MSN, so that one saga's write is a single-partition transaction. Row keys: <c>S|payment:REF</c> (saga),
/// <c>H|payment:REF|0000000001</c> (timeline), <c>M|payment:REF|refund:ID</c> (a capture or refund),
/// <c>U|payment:REF|0000000001</c> (an outcome to publish), <c>E|hash</c> (applied event). The saga row stays the same
/// size however many operations, webhooks or polls the saga sees.
/// </summary>
public sealed partial class SagaStore(TableClient table)
{
    /// <summary>Table Storage keeps at most 64 KiB per string property (32K UTF-16 characters).</summary>
    public const int MaxStateChars = 32 * 1024;

    private const int MaxActionsPerTransaction = 100;

    /// <summary>A transaction holds at most 100 actions: the saga row, its list index row, an applied-event marker and 97 entries.</summary>
    private const int MaxTimelineEntriesPerWrite = MaxActionsPerTransaction - 3;

    private static readonly string[] SummaryColumns =
    [
        "PartitionKey", "RowKey", "Kind", "SagaId", "Status", "IsFinished", "Currency", "AmountMinorUnits", "CapturedMinorUnits",
        "RefundedMinorUnits", "CancelledMinorUnits", "NextWakeUpAt", "CreatedAt", "UpdatedAt",
    ];

    public async Task CreateTableIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The saga (one row: its outcomes to publish are counted, not read), or null when it has never been written.</summary>
    public async Task<StoredSaga?> LoadAsync(SagaKey key, CancellationToken cancellationToken = default)
    {
        var entity = await table.FindAsync<SagaEntity>(key.Msn.Value, SagaRowKey(key), cancellationToken: cancellationToken);
        return entity is null ? null : ToStored(key.Kind, entity);
    }

    /// <summary>The oldest <paramref name="max"/> outcomes of the saga not yet published, oldest first.</summary>
    public async Task<IReadOnlyList<OutgoingEvent>> ListUnpublishedOutcomesAsync(SagaKey key, int max, CancellationToken cancellationToken = default) =>
        [.. (await OutcomeRowsAsync(key, max, cancellationToken)).Select(o => ReadOutcome(o.Outcome))];

    /// <summary>
    /// What the row of one capture or refund recorded it asked for (amount, reason, requester), or null when the saga
    /// has no operation of that kind and id.
    /// </summary>
    public async Task<OperationContent?> FindOperationAsync(SagaKey key, OperationKind kind, string operationId, CancellationToken cancellationToken = default)
    {
        var row = await table.FindAsync<OperationEntity>(
            key.Msn.Value, OperationRowKey(key, kind, operationId), ["AmountMinorUnits", "Currency", "Reason", "RequestedBy"], cancellationToken);
        return row is null || !Enum.TryParse<Currency>(row.Currency, out var currency)
            ? null
            : new OperationContent(new Money(row.AmountMinorUnits, currency), row.Reason, row.RequestedBy);
    }

    /// <summary>Every capture and refund of the saga, from their own rows (one range query), each kind in the order accepted.</summary>
    public async Task<SagaOperations> ListOperationsAsync(SagaKey key, CancellationToken cancellationToken = default)
    {
        var captures = new List<(int Ordinal, CaptureRecord Record)>();
        var refunds = new List<(int Ordinal, RefundRecord Record)>();
        await foreach (var e in table.QueryAsync<OperationEntity>(RangeFilter(key.Msn.Value, $"M|{key.RowKey}|"), cancellationToken: cancellationToken))
        {
            if (!Enum.TryParse<Currency>(e.Currency, out var currency) || !Enum.TryParse<OperationStatus>(e.Status, out var status))
            {
                continue;
            }

            var amount = new Money(e.AmountMinorUnits, currency);
            var idempotencyKey = IdempotencyKey.Create(e.IdempotencyKey).Value;
            if (e.Kind == nameof(OperationKind.Capture))
            {
                captures.Add((e.Ordinal, new CaptureRecord(e.OperationId, amount, idempotencyKey, status)));
            }
            else if (e.Kind == nameof(OperationKind.Refund))
            {
                refunds.Add((e.Ordinal, new RefundRecord(e.OperationId, amount, e.Reason ?? string.Empty, e.RequestedBy ?? string.Empty, idempotencyKey, status)
                {
                    RequestedAt = e.AcceptedAt,
                    RequestedByKey = e.RequestedByKey,
                    RequestedBySource = e.RequestedBySource,
                }));
            }
        }

        return new SagaOperations(
            [.. captures.OrderBy(c => c.Ordinal).Select(c => c.Record)],
            [.. refunds.OrderBy(r => r.Ordinal).Select(r => r.Record)]);
    }

    /// <summary>
    /// Whether the incoming event (source + id) was applied to a saga of this MSN before: null when not; otherwise the
    /// saga's refusal of it, if it refused it (so a redelivery is dead-lettered with the same reason).
    /// </summary>
    public async Task<AppliedEvent?> FindAppliedAsync(Msn msn, string source, string eventId, CancellationToken cancellationToken = default)
    {
        var marker = await table.FindAsync<AppliedEventEntity>(
            msn.Value, AppliedEventRowKey(source, eventId), ["EventId", "Type", "SagaRowKey", "RejectionCode", "RejectionReason"], cancellationToken);
        return marker is null
            ? null
            : new AppliedEvent(marker.RejectionCode is { } code ? new Rejection(code, marker.RejectionReason ?? code) : null, marker.SagaRowKey ?? string.Empty, marker.Type ?? string.Empty);
    }

    /// <summary>
    /// Writes state, operations, timeline, outcomes and marker in one transaction guarded by the loaded ETag. When saved,
    /// the result holds the row as written with its new ETag, so the next apply of the same step needs no read.
    /// </summary>
    public async Task<SaveResult> SaveAsync(SagaWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.Timeline.Count > MaxTimelineEntriesPerWrite)
        {
            throw new InvalidOperationException($"One apply produced {write.Timeline.Count} timeline entries; at most {MaxTimelineEntriesPerWrite} fit one transaction.");
        }

        var key = write.State.Key;
        var json = SagaStateJson.Serialize(write.State);
        if (json.Length > MaxStateChars)
        {
            throw new InvalidOperationException($"The state of saga {key} is {json.Length} characters; Table Storage keeps at most {MaxStateChars} per property.");
        }

        var previous = write.Previous;
        var sequence = previous?.HistoryCount ?? 0;
        var outcomeSequence = previous?.OutcomeSequence ?? 0;
        var entity = ToEntity(write, json, sequence + write.Timeline.Count, outcomeSequence + write.NewOutcomes.Count);
        var actions = new List<TableTransactionAction>
        {
            previous is null
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, previous.ETag),
        };

        if (write.Origin is { } origin)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new AppliedEventEntity
            {
                PartitionKey = key.Msn.Value,
                RowKey = AppliedEventRowKey(origin.Source, origin.EventId),
                EventId = origin.EventId,
                Source = origin.Source,
                Type = origin.Type,
                SagaRowKey = key.RowKey,
                AppliedAt = write.Now,
                RejectionCode = write.Rejection?.Code,
                RejectionReason = write.Rejection?.Reason,
            }));
        }

        if (write.State is AgreementState { AgreementId: { } agreementId } && (write.Previous?.State as AgreementState)?.AgreementId is null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new SagaIndexEntity
            {
                PartitionKey = key.Msn.Value,
                RowKey = AgreementIndexRowKey(agreementId),
                SagaId = key.Id,
            }));
        }

        // The list index row (what the list shows) in the same transaction: one more entity, not one more request.
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ListEntityOf(entity, key)));

        // Captures and refunds this save records as succeeded, for reconciliation: same transaction as the state.
        foreach (var op in ExecutedOperations.Between(previous?.State, write.Events, write.State, write.Now))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new ExecutedOperationEntity
            {
                PartitionKey = key.Msn.Value,
                RowKey = ExecutedOperations.RowKey(key, op),
                SagaRowKey = key.RowKey,
                Reference = op.Reference,
                Operation = op.Kind.ToString(),
                OperationId = op.OperationId ?? string.Empty,
                AmountMinorUnits = op.Amount.MinorUnits,
                Currency = op.Amount.Currency.ToString(),
                At = op.At,
                IdempotencyKey = op.IdempotencyKey,
            }));
        }

        actions.AddRange(OperationActions(previous?.State, write, entity.CreatedAt));
        foreach (var outcome in write.NewOutcomes)
        {
            outcomeSequence++;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new OutcomeEntity
            {
                PartitionKey = key.Msn.Value,
                RowKey = OutcomeRowKey(key, outcomeSequence),
                OutcomeId = outcome.Id,
                Sequence = outcomeSequence,
                Outcome = JsonSerializer.Serialize(outcome, SagaStateJson.Options),
            }));
        }

        if (actions.Count + write.Timeline.Count > MaxActionsPerTransaction)
        {
            throw new InvalidOperationException($"One apply of saga {key} needs {actions.Count + write.Timeline.Count} rows; at most {MaxActionsPerTransaction} fit one transaction.");
        }

        foreach (var draft in write.Timeline)
        {
            sequence++;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new HistoryEntity
            {
                PartitionKey = key.Msn.Value,
                RowKey = HistoryRowKey(key, sequence),
                Sequence = sequence,
                At = write.Now,
                Kind = draft.Kind.ToString(),
                Type = draft.Type,
                Summary = draft.Summary,
                Detail = draft.Detail,
                EventId = draft.Origin?.EventId,
                Source = draft.Origin?.Source,
            }));
        }

        // The wake-up index row first: a crash after it leaves a row earlier than needed (the sweep moves or deletes
        // it), never a saga whose attention no row covers. Only when the attention moves to an earlier minute.
        var before = previous is null ? null : WakeUpIndex.AttentionAt(previous.NextWakeUpAt, previous.UnpublishedOutcomeCount, previous.Summary.UpdatedAt);
        var after = WakeUpIndex.AttentionAt(entity.NextWakeUpAt, entity.UnpublishedOutcomeCount, entity.UpdatedAt);
        if (WakeUpIndex.NeedsRow(before, previous?.Summary.UpdatedAt ?? entity.UpdatedAt, after, entity.UpdatedAt))
        {
            await UpsertWakeUpAsync(key, WakeUpIndex.Bucket(after!.Value), cancellationToken);
        }

        try
        {
            var responses = (await table.SubmitCheckedTransactionAsync(actions, cancellationToken)).Value;
            // The saga row is the transaction's first action; its response carries the row's new ETag.
            var etag = responses.Count > 0 ? responses[0].Headers.ETag : null;
            entity.ETag = etag ?? default;
            return new SaveResult(SaveOutcome.Saved, etag is null ? null : ToStored(write.State, entity));
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status is 409 or 412)
        {
            return new SaveResult(SaveOutcome.Conflict, null);
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 1 && write.Origin is not null && e.Status == 409)
        {
            return new SaveResult(SaveOutcome.Duplicate, null);
        }
    }

    /// <summary>The agreement saga that drafted the Vipps agreement <paramref name="agreementId"/>, or null.</summary>
    public async Task<SagaKey?> FindAgreementSagaAsync(Msn msn, string agreementId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(agreementId) || agreementId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            return null;
        }

        var index = await table.FindAsync<SagaIndexEntity>(msn.Value, AgreementIndexRowKey(agreementId), cancellationToken: cancellationToken);
        return index is null ? null : new SagaKey(SagaKind.Agreement, msn, index.SagaId);
    }

    /// <summary>
    /// Deletes the rows of published outcomes and lowers the saga row's count with them, at most 99 rows per
    /// transaction (reloading on conflicts); true when the saga row still existed.
    /// </summary>
    public async Task<bool> MarkPublishedAsync(SagaKey key, IReadOnlyCollection<string> outcomeIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomeIds);
        var conflicts = 0;
        while (conflicts < 20)
        {
            var saga = await table.FindAsync<SagaEntity>(key.Msn.Value, SagaRowKey(key), ["UnpublishedOutcomeCount"], cancellationToken);
            if (saga is null)
            {
                return false;
            }

            var rows = await OutcomeRowsAsync(key, int.MaxValue, cancellationToken);
            var published = rows.Where(r => outcomeIds.Contains(r.OutcomeId)).Take(MaxActionsPerTransaction - 1).ToList();
            if (published.Count == 0)
            {
                return true;
            }

            var remaining = rows.Count - published.Count;
            // Publishing ends the outcomes' lease, which moves the attention later, never earlier: no index row.
            var count = new TableEntity(key.Msn.Value, SagaRowKey(key)) { ["UnpublishedOutcomeCount"] = remaining };
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateMerge, count, saga.ETag) };
            actions.AddRange(published.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)));
            try
            {
                await table.SubmitCheckedTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
                // Another writer changed the saga (412) or published the same outcome first (404): reload and remove again.
                conflicts++;
            }
        }

        throw new InvalidOperationException($"Could not mark outcomes of saga {key} as published: the row kept changing.");
    }

    /// <summary>
    /// Marks every unpublished outcome of the saga published while the row is still <paramref name="saved"/> (its ETag
    /// guards the write): one transaction and no read, since the unpublished rows are the last
    /// <see cref="StoredSaga.UnpublishedOutcomeCount"/> sequence numbers. False when the row changed since, or a row is
    /// not where it should be; the caller then marks them by id (<see cref="MarkPublishedAsync"/>).
    /// </summary>
    public async Task<bool> TryMarkPublishedAsync(StoredSaga saved, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var key = saved.State.Key;
        var count = saved.UnpublishedOutcomeCount;
        if (count <= 0 || count > MaxActionsPerTransaction - 1)
        {
            return count == 0;
        }

        // Publishing ends the outcomes' lease, which moves the attention later, never earlier: no index row.
        var row = new TableEntity(key.Msn.Value, SagaRowKey(key)) { ["UnpublishedOutcomeCount"] = 0 };
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateMerge, row, saved.ETag) };
        for (var sequence = saved.OutcomeSequence - count + 1; sequence <= saved.OutcomeSequence; sequence++)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(key.Msn.Value, OutcomeRowKey(key, sequence)), ETag.All));
        }

        try
        {
            await table.SubmitCheckedTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>The sagas of a sales unit (optionally of one kind), without timelines.</summary>
    public async Task<IReadOnlyList<SagaSummary>> ListAsync(Msn msn, SagaKind? kind = null, CancellationToken cancellationToken = default)
    {
        var prefix = kind is { } k ? $"S|{KindName(k)}:" : "S|";
        var filter = RangeFilter(msn.Value, prefix);
        var summaries = new List<SagaSummary>();
        // Only the summary columns: a listing of thousands of sagas does not read their states (up to 64 KiB each).
        await foreach (var e in table.QueryAsync<SagaEntity>(filter, select: SummaryColumns, cancellationToken: cancellationToken))
        {
            if (Enum.TryParse<SagaKind>(e.Kind, out var sagaKind))
            {
                summaries.Add(SummaryOf(sagaKind, e));
            }
        }

        return summaries;
    }

    /// <summary>The saga's timeline in order.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(SagaKey key, CancellationToken cancellationToken = default)
    {
        var filter = RangeFilter(key.Msn.Value, $"H|{key.RowKey}|");
        var entries = new List<TimelineEntry>();
        await foreach (var e in table.QueryAsync<HistoryEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(new TimelineEntry(e.Sequence, e.At,
                Enum.TryParse<TimelineEntryKind>(e.Kind, out var kind) ? kind : TimelineEntryKind.Decided,
                e.Type, e.Summary, e.Detail, e.EventId, e.Source));
        }

        return entries.OrderBy(e => e.Sequence).ToList();
    }

    /// <summary>
    /// The captures and refunds Vipps accepted for the sales unit's sagas from <paramref name="from"/> (inclusive) to
    /// <paramref name="to"/> (exclusive), by our clock when the success was saved, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<ExecutedOperation>> ListExecutedOperationsAsync(Msn msn, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {msn.Value} and RowKey ge {ExecutedOperations.TimeKey(from)} and RowKey lt {ExecutedOperations.TimeKey(to)}");
        var result = new List<ExecutedOperation>();
        await foreach (var e in table.QueryAsync<ExecutedOperationEntity>(filter, cancellationToken: cancellationToken))
        {
            if (Enum.TryParse<SettlementOperationKind>(e.Operation, out var kind) && Enum.TryParse<Currency>(e.Currency, out var currency))
            {
                var sagaKind = Enum.TryParse<SagaKind>(e.SagaRowKey.Split(':', 2)[0], ignoreCase: true, out var k) ? k : SagaKind.Payment;
                result.Add(new ExecutedOperation(msn, e.Reference, kind, new Money(e.AmountMinorUnits, currency), e.At, null, e.IdempotencyKey, e.OperationId, sagaKind));
            }
        }

        return result;
    }

    /// <summary>
    /// The rows of the wake-up index due at <paramref name="now"/> (every minute up to now's), oldest minute first, at
    /// most <paramref name="max"/>: one range query over the index partitions, not a read of any saga.
    /// </summary>
    public async Task<IReadOnlyList<WakeUpEntry>> ListDueIndexRowsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {WakeUpIndex.PartitionPrefix} and PartitionKey le {WakeUpIndex.Bucket(now)}");
        var result = new List<WakeUpEntry>();
        await foreach (var e in table.QueryAsync<WakeUpEntity>(filter, cancellationToken: cancellationToken))
        {
            if (result.Count == max)
            {
                break;
            }

            var msn = Msn.Create(e.Msn);
            if (msn.IsValid && Enum.TryParse<SagaKind>(e.Kind, out var kind))
            {
                result.Add(new WakeUpEntry(e.PartitionKey, new SagaKey(kind, msn.Value, e.SagaId), e.ETag));
            }
        }

        return result;
    }

    /// <summary>Deletes an index row unless it changed since it was read (a save indexed the same minute again).</summary>
    public async Task DeleteWakeUpAsync(WakeUpEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await table.DeleteEntityAsync(entry.Bucket, WakeUpRowKey(entry.Key), entry.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone already (another sweep), or written again by a save: either way not ours to delete.
        }
    }

    /// <summary>Moves an index row to the minute of <paramref name="at"/> (the new row first, then the old one is deleted).</summary>
    public async Task MoveWakeUpAsync(WakeUpEntry entry, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var bucket = WakeUpIndex.Bucket(at);
        if (bucket == entry.Bucket)
        {
            return;
        }

        await UpsertWakeUpAsync(entry.Key, bucket, cancellationToken);
        await DeleteWakeUpAsync(entry, cancellationToken);
    }

    private async Task UpsertWakeUpAsync(SagaKey key, string bucket, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(new WakeUpEntity
        {
            PartitionKey = bucket,
            RowKey = WakeUpRowKey(key),
            Msn = key.Msn.Value,
            Kind = key.Kind.ToString(),
            SagaId = key.Id,
        }, TableUpdateMode.Replace, cancellationToken);

    internal static string WakeUpRowKey(SagaKey key) => $"{key.Msn.Value}|{key.RowKey}";

    internal static string SagaRowKey(SagaKey key) => $"S|{key.RowKey}";

    internal static string AgreementIndexRowKey(string agreementId) => $"X|agreement:{agreementId}";

    internal static string OperationRowKey(SagaKey key, OperationKind kind, string operationId) =>
        $"M|{key.RowKey}|{kind.ToString().ToLowerInvariant()}:{operationId}";

    internal static string OutcomeRowKey(SagaKey key, long sequence) =>
        $"U|{key.RowKey}|{sequence.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)}";

    internal static string HistoryRowKey(SagaKey key, long sequence) =>
        $"H|{key.RowKey}|{sequence.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Event ids are free text (they may hold <c>/</c> or <c>#</c>), so the key is a hash of source and id.</summary>
    internal static string AppliedEventRowKey(string source, string eventId) =>
        "E|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + eventId)));

    private static string RangeFilter(string partition, string prefix)
    {
        // Prefixes end in '|' or ':'; the next character up closes the range.
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {upper}");
    }

    private static string KindName(SagaKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>
    /// The operation rows a save's facts call for: a capture or refund accepted gets its whole row; one confirmed gets
    /// its status merged in (with what the in-flight entry knows, so a row is complete even if it was never written).
    /// </summary>
    private static IEnumerable<TableTransactionAction> OperationActions(ISagaState? previous, SagaWrite write, DateTimeOffset createdAt)
    {
        var key = write.State.Key;
        var (captures, refunds) = previous switch
        {
            EpaymentState p => (p.CaptureCount, p.RefundCount),
            ChargeState c => (c.CaptureCount, c.RefundCount),
            _ => (0, 0),
        };
        var inFlight = ExecutedOperations.InFlight(previous);
        foreach (var @event in write.Events)
        {
            switch (@event)
            {
                case CaptureAccepted { Capture: var c }:
                    yield return Accepted(OperationKind.Capture, c.CaptureId, ++captures, c.Amount, null, null, c.Key);
                    yield return AcceptedLine(OperationKind.Capture, c.CaptureId, c.Amount, null, null);
                    break;
                case RefundAccepted { Refund: var r }:
                    yield return Accepted(OperationKind.Refund, r.RefundId, ++refunds, r.Amount, r.Reason, r.RequestedBy, r.Key);
                    yield return AcceptedLine(OperationKind.Refund, r.RefundId, r.Amount, r.Reason, r.RequestedBy);
                    break;
                case CaptureConfirmed c when inFlight.Find(o => o.Kind == OperationKind.Capture && o.Id == c.CaptureId) is { } op:
                    yield return Confirmed(op);
                    yield return ConfirmedLine(op);
                    break;
                case RefundConfirmed r when inFlight.Find(o => o.Kind == OperationKind.Refund && o.Id == r.RefundId) is { } op:
                    yield return Confirmed(op);
                    yield return ConfirmedLine(op);
                    break;
            }
        }

        // Who asked, as authenticated (the audit): a refund's event origin — its source, and the API key's name when the
        // API took it. Recorded on the operation's row and on its line of the list index alike.
        (string? Key, string? Source) Who(OperationKind kind) =>
            kind == OperationKind.Refund ? (write.Origin?.KeyName, write.Origin?.Source) : (null, null);

        TableTransactionAction Accepted(OperationKind kind, string id, int ordinal, Money amount, string? reason, string? requestedBy, IdempotencyKey idempotencyKey) =>
            new(TableTransactionActionType.UpsertReplace, new OperationEntity
            {
                PartitionKey = key.Msn.Value,
                RowKey = OperationRowKey(key, kind, id),
                SagaRowKey = key.RowKey,
                Kind = kind.ToString(),
                OperationId = id,
                Ordinal = ordinal,
                AmountMinorUnits = amount.MinorUnits,
                Currency = amount.Currency.ToString(),
                Reason = reason,
                RequestedBy = requestedBy,
                RequestedByKey = Who(kind).Key,
                RequestedBySource = Who(kind).Source,
                IdempotencyKey = idempotencyKey.Value,
                Status = nameof(OperationStatus.Pending),
                AcceptedAt = write.Now,
            });

        // The same operation as a line of the list index, right after its saga's index row, for the export.
        TableTransactionAction AcceptedLine(OperationKind kind, string id, Money amount, string? reason, string? requestedBy) =>
            new(TableTransactionActionType.UpsertReplace, new SagaListEntity
            {
                PartitionKey = key.Msn.Value,
                RowKey = SagaListIndex.OperationRowKey(key, createdAt, kind, id),
                Entry = kind.ToString().ToLowerInvariant(),
                Kind = key.Kind.ToString(),
                SagaId = key.Id,
                OperationId = id,
                AmountMinorUnits = amount.MinorUnits,
                Currency = amount.Currency.ToString(),
                Reason = reason,
                RequestedBy = requestedBy,
                RequestedByKey = Who(kind).Key,
                RequestedBySource = Who(kind).Source,
                Status = nameof(OperationStatus.Pending),
                CreatedAt = createdAt,
                AcceptedAt = write.Now,
            });

        TableTransactionAction ConfirmedLine(InFlightOperation op) =>
            new(TableTransactionActionType.UpsertMerge, new TableEntity(key.Msn.Value, SagaListIndex.OperationRowKey(key, createdAt, op.Kind, op.Id))
            {
                ["Entry"] = op.Kind.ToString().ToLowerInvariant(),
                ["Kind"] = key.Kind.ToString(),
                ["SagaId"] = key.Id,
                ["OperationId"] = op.Id,
                ["AmountMinorUnits"] = op.Amount.MinorUnits,
                ["Currency"] = op.Amount.Currency.ToString(),
                ["Status"] = nameof(OperationStatus.Succeeded),
                ["CreatedAt"] = createdAt,
                ["SucceededAt"] = write.Now,
            });

        TableTransactionAction Confirmed(InFlightOperation op) =>
            new(TableTransactionActionType.UpsertMerge, new TableEntity(key.Msn.Value, OperationRowKey(key, op.Kind, op.Id))
            {
                ["SagaRowKey"] = key.RowKey,
                ["Kind"] = op.Kind.ToString(),
                ["OperationId"] = op.Id,
                ["AmountMinorUnits"] = op.Amount.MinorUnits,
                ["Currency"] = op.Amount.Currency.ToString(),
                ["IdempotencyKey"] = op.Key.Value,
                ["Status"] = nameof(OperationStatus.Succeeded),
                ["SucceededAt"] = write.Now,
            });
    }

    /// <summary>The saga's oldest <paramref name="max"/> unpublished outcome rows, oldest first (row keys sort by sequence).</summary>
    private async Task<List<OutcomeEntity>> OutcomeRowsAsync(SagaKey key, int max, CancellationToken cancellationToken)
    {
        var rows = new List<OutcomeEntity>();
        await foreach (var e in table.QueryAsync<OutcomeEntity>(RangeFilter(key.Msn.Value, $"U|{key.RowKey}|"), cancellationToken: cancellationToken))
        {
            if (rows.Count == max)
            {
                break;
            }

            rows.Add(e);
        }

        return rows;
    }

    private static SagaEntity ToEntity(SagaWrite write, string json, long historyCount, long outcomeSequence)
    {
        var state = write.State;
        var entity = new SagaEntity
        {
            PartitionKey = state.Key.Msn.Value,
            RowKey = SagaRowKey(state.Key),
            Kind = state.Key.Kind.ToString(),
            SagaId = state.Key.Id,
            Status = StatusOf(state),
            IsFinished = state.IsFinished,
            State = json,
            Version = (write.Previous?.Version ?? 0) + 1,
            HistoryCount = historyCount,
            NextWakeUpAt = write.NextWakeUpAt,
            UnpublishedOutcomeCount = (write.Previous?.UnpublishedOutcomeCount ?? 0) + write.NewOutcomes.Count,
            OutcomeSequence = outcomeSequence,
            CreatedAt = write.Previous?.CreatedAt ?? write.Now,
            UpdatedAt = write.Now,
        };
        switch (state)
        {
            case EpaymentState p:
                entity.Currency = p.Aggregate.Currency.ToString();
                entity.AmountMinorUnits = p.Request?.Amount.MinorUnits;
                entity.CapturedMinorUnits = p.Aggregate.Captured.MinorUnits;
                entity.RefundedMinorUnits = p.Aggregate.Refunded.MinorUnits;
                entity.CancelledMinorUnits = p.Aggregate.Cancelled.MinorUnits;
                break;
            case ChargeState c:
                entity.Currency = c.Summary.Captured.Currency.ToString();
                entity.AmountMinorUnits = c.Request?.Amount.MinorUnits;
                entity.CapturedMinorUnits = c.Summary.Captured.MinorUnits;
                entity.RefundedMinorUnits = c.Summary.Refunded.MinorUnits;
                entity.CancelledMinorUnits = c.Summary.Cancelled.MinorUnits;
                break;
        }

        return entity;
    }

    /// <summary>The status name of a saga state, as listings and the API show it.</summary>
    public static string StatusOf(ISagaState state) => state switch
    {
        EpaymentState p => p.Status.ToString(),
        AgreementState a => a.Status.ToString(),
        ChargeState c => c.Status.ToString(),
        _ => "Unknown",
    };

    private static StoredSaga ToStored(SagaKind kind, SagaEntity entity)
    {
        ISagaState state;
        try
        {
            state = SagaStateJson.Deserialize(kind, entity.State);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The saga row {entity.PartitionKey}/{entity.RowKey} holds a state that cannot be read: {e.Message}", e);
        }

        return ToStored(state, entity);
    }

    private static StoredSaga ToStored(ISagaState state, SagaEntity entity) =>
        new(state, entity.ETag, entity.Version, entity.HistoryCount, entity.NextWakeUpAt,
            entity.UnpublishedOutcomeCount, entity.OutcomeSequence, entity.CreatedAt, SummaryOf(state.Key.Kind, entity));

    private static SagaListEntity ListEntityOf(SagaEntity e, SagaKey key) => new()
    {
        PartitionKey = e.PartitionKey,
        RowKey = SagaListIndex.SagaRowKey(key, e.CreatedAt),
        Entry = SagaEntry,
        Kind = e.Kind,
        SagaId = e.SagaId,
        Status = e.Status,
        IsFinished = e.IsFinished,
        Currency = e.Currency,
        AmountMinorUnits = e.AmountMinorUnits,
        CapturedMinorUnits = e.CapturedMinorUnits,
        RefundedMinorUnits = e.RefundedMinorUnits,
        CancelledMinorUnits = e.CancelledMinorUnits,
        NextWakeUpAt = e.NextWakeUpAt,
        CreatedAt = e.CreatedAt,
        UpdatedAt = e.UpdatedAt,
    };

    private static SagaSummary SummaryOf(SagaKind kind, SagaEntity e) =>
        new(kind, e.SagaId, e.Status, e.IsFinished, e.Currency, e.AmountMinorUnits,
            e.CapturedMinorUnits, e.RefundedMinorUnits, e.CancelledMinorUnits, e.NextWakeUpAt, e.CreatedAt, e.UpdatedAt);

    private static OutgoingEvent ReadOutcome(string json) =>
        JsonSerializer.Deserialize<OutgoingEvent>(json, SagaStateJson.Options) ?? throw new InvalidDataException("An outcome row holds null.");
}
