using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Orchestration.Reconciliation;

/// <summary>
/// Reconciliation results in the payments table, in the sales unit's partition: one day row
/// (<c>R|yyyy-MM-dd</c>: status, counts, totals) and one row per discrepancy (<c>D|yyyy-MM-dd|{discrepancy id}</c>,
/// both sides). Discrepancy ids are stable, so a re-run of a date rewrites the same rows; rows of findings that are
/// gone are deleted.
/// </summary>
public sealed class ReconciliationStore(TableClient table)
{
    private const string DayPrefix = "R|";
    private const string FindingPrefix = "D|";

    /// <summary>The stored date with its findings, or null when it was never reconciled.</summary>
    public async Task<ReconciliationDay?> GetAsync(Msn msn, DateOnly date, CancellationToken cancellationToken = default)
    {
        var day = await table.FindAsync<DayEntity>(msn.Value, DayKey(date), cancellationToken: cancellationToken);
        if (day is null)
        {
            return null;
        }

        var findings = new List<ReconciliationFinding>();
        await foreach (var f in table.QueryAsync<FindingEntity>(Range(msn, FindingPrefix + Day(date) + "|"), cancellationToken: cancellationToken))
        {
            findings.Add(ToFinding(f));
        }

        return ToDay(day, findings);
    }

    /// <summary>Every stored date of the sales unit (without findings).</summary>
    public async Task<IReadOnlyList<ReconciliationDay>> ListAsync(Msn msn, CancellationToken cancellationToken = default)
    {
        var days = new List<ReconciliationDay>();
        await foreach (var d in table.QueryAsync<DayEntity>(Range(msn, DayPrefix), cancellationToken: cancellationToken))
        {
            days.Add(ToDay(d, []));
        }

        return days;
    }

    /// <summary>Writes the date's discrepancy rows (upserts by id, deletes findings no longer there).</summary>
    public async Task SaveFindingsAsync(Msn msn, DateOnly date, IReadOnlyList<ReconciliationFinding> findings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var keep = findings.Select(f => FindingKey(date, f.Id)).ToHashSet(StringComparer.Ordinal);
        var actions = new List<TableTransactionAction>();
        await foreach (var old in table.QueryAsync<FindingEntity>(Range(msn, FindingPrefix + Day(date) + "|"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!keep.Contains(old.RowKey))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, old, ETag.All));
            }
        }

        actions.AddRange(findings.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(msn, date, f))));
        foreach (var chunk in actions.Chunk(100))
        {
            await table.SubmitCheckedTransactionAsync(chunk, cancellationToken);
        }
    }

    /// <summary>Writes (replaces) the day row.</summary>
    public async Task SaveDayAsync(ReconciliationDay day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(day);
        await table.UpsertEntityAsync(ToEntity(day), TableUpdateMode.Replace, cancellationToken);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DayKey(DateOnly date) => DayPrefix + Day(date);

    private static string FindingKey(DateOnly date, string id) => FindingPrefix + Day(date) + "|" + SafeKey(id);

    /// <summary>Row keys may not hold / \ # ? or control characters; ids come from references, so replace them.</summary>
    private static string SafeKey(string id) => new([.. id.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c)]);

    private static string Range(Msn msn, string prefix)
    {
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {msn.Value} and RowKey ge {prefix} and RowKey lt {upper}");
    }

    private static DayEntity ToEntity(ReconciliationDay d) => new()
    {
        PartitionKey = d.Msn,
        RowKey = DayKey(d.LedgerDate),
        LedgerDate = Day(d.LedgerDate),
        Status = d.Status.ToString(),
        Reason = d.Reason,
        LedgerId = d.LedgerId,
        Currency = d.Currency,
        Matched = d.Matched,
        MissingAtVipps = d.MissingAtVipps,
        UnknownToUs = d.UnknownToUs,
        AmountMismatches = d.AmountMismatches,
        OutsideDate = d.OutsideDate,
        UnrecognizedEntries = d.UnrecognizedEntries,
        OtherEntries = d.OtherEntries,
        Captured = d.Captured,
        Refunded = d.Refunded,
        Fees = d.Fees,
        FeesRetained = d.FeesRetained,
        Payout = d.Payout,
        Attempts = d.Attempts,
        LastAttemptAt = d.LastAttemptAt,
        NextAttemptAt = d.NextAttemptAt,
        ReconciledAt = d.ReconciledAt,
    };

    private static ReconciliationDay ToDay(DayEntity e, IReadOnlyList<ReconciliationFinding> findings) => new(
        e.PartitionKey,
        DateOnly.ParseExact(e.LedgerDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum.TryParse<ReconciliationStatus>(e.Status, out var status) ? status : ReconciliationStatus.Failed,
        e.Reason, e.LedgerId, e.Currency,
        e.Matched, e.MissingAtVipps, e.UnknownToUs, e.AmountMismatches, e.OutsideDate, e.UnrecognizedEntries, e.OtherEntries,
        e.Captured, e.Refunded, e.Fees, e.FeesRetained, e.Payout,
        e.Attempts, e.LastAttemptAt, e.NextAttemptAt, e.ReconciledAt,
        [.. findings.OrderBy(f => f.Kind).ThenBy(f => f.Id, StringComparer.Ordinal)]);

    private static FindingEntity ToEntity(Msn msn, DateOnly date, ReconciliationFinding f) => new()
    {
        PartitionKey = msn.Value,
        RowKey = FindingKey(date, f.Id),
        LedgerDate = Day(date),
        DiscrepancyId = f.Id,
        Kind = f.Kind.ToString(),
        Difference = f.Difference,
        OurOperation = f.Ours?.Operation,
        OurReference = f.Ours?.Reference,
        OurAmount = f.Ours?.Amount,
        OurCurrency = f.Ours?.Currency,
        OurAt = f.Ours?.At,
        OurOperationId = f.Ours?.OperationId,
        OurSagaKind = f.Ours?.SagaKind?.ToString(),
        VippsEntryType = f.Vipps?.Operation,
        VippsReference = f.Vipps?.Reference,
        VippsAmount = f.Vipps?.Amount,
        VippsCurrency = f.Vipps?.Currency,
        VippsAt = f.Vipps?.At,
        VippsPspReference = f.Vipps?.PspReference,
    };

    private static ReconciliationFinding ToFinding(FindingEntity e) => new(
        e.DiscrepancyId,
        Enum.TryParse<DiscrepancyKind>(e.Kind, out var kind) ? kind : DiscrepancyKind.UnknownToUs,
        e.OurOperation is null ? null : new FindingSide(e.OurOperation, e.OurReference, e.OurAmount ?? 0, e.OurCurrency ?? "", e.OurAt ?? default, e.OurOperationId, null)
        {
            SagaKind = Enum.TryParse<SagaKind>(e.OurSagaKind, out var sagaKind) ? sagaKind : null,
        },
        e.VippsEntryType is null ? null : new FindingSide(e.VippsEntryType, e.VippsReference, e.VippsAmount ?? 0, e.VippsCurrency ?? "", e.VippsAt ?? default, null, e.VippsPspReference),
        e.Difference);

    private sealed class DayEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string LedgerDate { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public string? Reason { get; set; }

        public string? LedgerId { get; set; }

        public string? Currency { get; set; }

        public int Matched { get; set; }

        public int MissingAtVipps { get; set; }

        public int UnknownToUs { get; set; }

        public int AmountMismatches { get; set; }

        public int OutsideDate { get; set; }

        public int UnrecognizedEntries { get; set; }

        public int OtherEntries { get; set; }

        public long Captured { get; set; }

        public long Refunded { get; set; }

        public long Fees { get; set; }

        public long FeesRetained { get; set; }

        public long Payout { get; set; }

        public int Attempts { get; set; }

        public DateTimeOffset LastAttemptAt { get; set; }

        public DateTimeOffset? NextAttemptAt { get; set; }

        public DateTimeOffset? ReconciledAt { get; set; }
    }

    private sealed class FindingEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string LedgerDate { get; set; } = string.Empty;

        public string DiscrepancyId { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public long? Difference { get; set; }

        public string? OurOperation { get; set; }

        public string? OurReference { get; set; }

        public long? OurAmount { get; set; }

        public string? OurCurrency { get; set; }

        public DateTimeOffset? OurAt { get; set; }

        public string? OurOperationId { get; set; }

        public string? OurSagaKind { get; set; }

        public string? VippsEntryType { get; set; }

        public string? VippsReference { get; set; }

        public long? VippsAmount { get; set; }

        public string? VippsCurrency { get; set; }

        public DateTimeOffset? VippsAt { get; set; }

        public string? VippsPspReference { get; set; }
    }
}
