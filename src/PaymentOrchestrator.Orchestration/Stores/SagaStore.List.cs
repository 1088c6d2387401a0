using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// The list index (<see cref="SagaListIndex"/>): read by key range in the order the console lists, so a page costs
/// the page (one range query of the rows it shows, more only when filters skip rows), not the partition. Rows
/// written before the index existed get theirs once, on the first list of their sales unit (<see cref="EnsureListIndexAsync"/>).
/// </summary>
public sealed partial class SagaStore
{
    private const string SagaEntry = "saga";

    private static readonly string[] ListSagaColumns =
    [
        "RowKey", "Entry", "Kind", "SagaId", "Status", "IsFinished", "Currency", "AmountMinorUnits", "CapturedMinorUnits",
        "RefundedMinorUnits", "CancelledMinorUnits", "NextWakeUpAt", "CreatedAt", "UpdatedAt",
    ];

    /// <summary>Sales units whose index this process knows to be complete: the marker is read once per unit, not per page.</summary>
    private readonly ConcurrentDictionary<string, bool> indexed = new(StringComparer.Ordinal);

    /// <summary>
    /// The index rows of <paramref name="msn"/> in <paramref name="range"/>, newest creation first, read
    /// <paramref name="pageSize"/> rows per request (the caller stops reading when it has enough).
    /// </summary>
    public async IAsyncEnumerable<SagaListLine> ReadListAsync(
        Msn msn, SagaListRange range, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        var lower = range.To is { } to ? SagaListIndex.CreatedBefore(to) : SagaListIndex.Prefix;
        var upper = range.From is { } from ? SagaListIndex.CreatedAtOrAfterEnd(from) : "L}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {msn.Value} and RowKey ge {lower} and RowKey lt {upper}");
        if (range.AfterRowKey is { } after)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");
        }

        if (!range.WithOperations)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Entry eq {SagaEntry}");
        }

        if (range.Kind is { } kind)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Kind eq {kind.ToString()}");
        }

        var rows = table.QueryAsync<SagaListEntity>(filter, maxPerPage: Math.Clamp(pageSize, 1, 1000),
            select: range.WithOperations ? null : ListSagaColumns, cancellationToken: cancellationToken);
        await foreach (var e in rows)
        {
            if (!Enum.TryParse<SagaKind>(e.Kind, out var sagaKind))
            {
                continue;
            }

            if (e.Entry == SagaEntry)
            {
                yield return new SagaListLine(e.RowKey, new SagaSummary(sagaKind, e.SagaId, e.Status ?? string.Empty, e.IsFinished, e.Currency,
                    e.AmountMinorUnits, e.CapturedMinorUnits, e.RefundedMinorUnits, e.CancelledMinorUnits, e.NextWakeUpAt, e.CreatedAt,
                    e.UpdatedAt ?? e.CreatedAt), null);
            }
            else if (Enum.TryParse<OperationKind>(e.Entry, ignoreCase: true, out var opKind))
            {
                yield return new SagaListLine(e.RowKey, null, new ListedOperation(sagaKind, e.SagaId, opKind, e.OperationId ?? string.Empty,
                    e.AmountMinorUnits ?? 0, e.Currency ?? string.Empty, e.Reason, e.RequestedBy, e.Status ?? string.Empty, e.AcceptedAt, e.SucceededAt)
                {
                    RequestedByKey = e.RequestedByKey,
                    RequestedBySource = e.RequestedBySource,
                });
            }
        }
    }

    /// <summary>
    /// Makes sure every saga of <paramref name="msn"/> has its index rows: sagas saved since the index exists have them
    /// (written with the saga); older ones get theirs here, once per sales unit (a marker row records it), each added
    /// only if missing so a save racing the backfill wins. Afterwards one point read per unit and process, then nothing.
    /// </summary>
    public async Task EnsureListIndexAsync(Msn msn, CancellationToken cancellationToken = default)
    {
        if (indexed.ContainsKey(msn.Value))
        {
            return;
        }

        var marker = await table.FindAsync<TableEntity>(msn.Value, SagaListIndex.BackfilledMarkerRowKey, ["RowKey"], cancellationToken);
        if (marker is null)
        {
            await BackfillListIndexAsync(msn, cancellationToken);
            await table.UpsertEntityAsync(new TableEntity(msn.Value, SagaListIndex.BackfilledMarkerRowKey), TableUpdateMode.Replace, cancellationToken);
        }

        indexed[msn.Value] = true;
    }

    private async Task BackfillListIndexAsync(Msn msn, CancellationToken cancellationToken)
    {
        // One-time: the keys the index has, and each saga's creation (its operation lines are keyed under it).
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(RangeFilter(msn.Value, SagaListIndex.Prefix), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            existing.Add(e.RowKey);
        }

        var created = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var missing = new List<ITableEntity>();
        await foreach (var e in table.QueryAsync<SagaEntity>(RangeFilter(msn.Value, "S|"), select: SummaryColumns, cancellationToken: cancellationToken))
        {
            if (!Enum.TryParse<SagaKind>(e.Kind, out var kind))
            {
                continue;
            }

            var key = new SagaKey(kind, msn, e.SagaId);
            created[key.RowKey] = e.CreatedAt;
            var row = ListEntityOf(e, key);
            if (!existing.Contains(row.RowKey))
            {
                missing.Add(row);
                await FlushAsync(missing, 100, cancellationToken);
            }
        }

        await foreach (var e in table.QueryAsync<OperationEntity>(RangeFilter(msn.Value, "M|"), cancellationToken: cancellationToken))
        {
            if (!created.TryGetValue(e.SagaRowKey, out var createdAt) || !Enum.TryParse<OperationKind>(e.Kind, out var opKind)
                || e.SagaRowKey.Split(':', 2) is not [var kindName, var sagaId] || !Enum.TryParse<SagaKind>(kindName, ignoreCase: true, out var sagaKind))
            {
                continue;
            }

            var key = new SagaKey(sagaKind, msn, sagaId);
            var rowKey = SagaListIndex.OperationRowKey(key, createdAt, opKind, e.OperationId);
            if (!existing.Contains(rowKey))
            {
                missing.Add(new SagaListEntity
                {
                    PartitionKey = msn.Value,
                    RowKey = rowKey,
                    Entry = opKind.ToString().ToLowerInvariant(),
                    Kind = sagaKind.ToString(),
                    SagaId = sagaId,
                    OperationId = e.OperationId,
                    AmountMinorUnits = e.AmountMinorUnits,
                    Currency = e.Currency,
                    Reason = e.Reason,
                    RequestedBy = e.RequestedBy,
                    RequestedByKey = e.RequestedByKey,
                    RequestedBySource = e.RequestedBySource,
                    Status = e.Status,
                    CreatedAt = createdAt,
                    AcceptedAt = e.AcceptedAt,
                    SucceededAt = e.SucceededAt,
                });
                await FlushAsync(missing, 100, cancellationToken);
            }
        }

        await FlushAsync(missing, 1, cancellationToken);
    }

    /// <summary>Adds the rows once <paramref name="atLeast"/> wait (100 per transaction); a row a save wrote meanwhile is kept, not replaced.</summary>
    private async Task FlushAsync(List<ITableEntity> rows, int atLeast, CancellationToken cancellationToken)
    {
        if (rows.Count < atLeast)
        {
            return;
        }

        try
        {
            await table.SubmitCheckedTransactionAsync([.. rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r))], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            foreach (var row in rows)
            {
                try
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }
                catch (RequestFailedException conflict) when (conflict.Status == 409)
                {
                    // A save wrote this row since the scan: it is newer than ours.
                }
            }
        }

        rows.Clear();
    }
}
