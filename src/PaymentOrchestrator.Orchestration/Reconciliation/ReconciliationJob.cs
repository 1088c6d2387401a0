using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Report;
using V = PaymentOrchestrator.Vipps;

using PaymentOrchestrator.Orchestration.Telemetry;

namespace PaymentOrchestrator.Orchestration.Reconciliation;

/// <summary>
/// Reconciles one sales unit's ledger date: reads the ledger that settles it and the date's funds and fees reports
/// (Report API, accounting keys), our captures and refunds around the date (executed-operation rows of the saga
/// store), runs the pure <see cref="Reconciler"/>, stores the day row and one row per discrepancy, and publishes
/// <c>reconciliation.discrepancy.v1</c> (one per finding) and <c>reconciliation.completed.v1</c>. Idempotent: a
/// re-run of a date writes the same rows and publishes outcomes with the same ids when nothing changed. A date that is
/// not closed yet is stored as <see cref="ReconciliationStatus.Pending"/> and retried; no consent is stored as
/// <see cref="ReconciliationStatus.NoConsent"/> and not retried by <see cref="CatchUpAsync"/>.
/// </summary>
public sealed partial class ReconciliationJob(
    VippsReportClient report,
    SagaStore sagas,
    SalesUnitStore salesUnits,
    ReconciliationStore store,
    IOutcomePublisher publisher,
    TimeProvider time,
    IOptions<ReconciliationOptions> options,
    ILogger<ReconciliationJob> logger)
{
    private ReconciliationOptions Options => options.Value;

    /// <summary>
    /// Reconciles <paramref name="msn"/> for <paramref name="date"/> now, whatever was stored before. Throws
    /// <see cref="ArgumentException"/> for a sales unit that is not registered.
    /// </summary>
    public async Task<ReconciliationDay> ReconcileAsync(Msn msn, DateOnly date, CancellationToken cancellationToken = default)
    {
        var unit = await salesUnits.GetAsync(msn, cancellationToken) ?? throw new ArgumentException($"No sales unit {msn.Value} is registered.", nameof(msn));
        var previous = await store.GetAsync(msn, date, cancellationToken);
        return await ReconcileAsync(unit, date, previous, cancellationToken);
    }

    /// <summary>
    /// Every active sales unit, every ledger date from the first date (or the sales unit's registration, at most
    /// <see cref="ReconciliationOptions.MaxLookbackDays"/> back) to the last that has ended: reconciles those never
    /// reconciled, failed, or pending and due again. Returns what it ran.
    /// </summary>
    public async Task<IReadOnlyList<ReconciliationDay>> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var ran = new List<ReconciliationDay>();
        foreach (var unit in await salesUnits.ListAsync(cancellationToken))
        {
            if (!unit.IsActive)
            {
                continue;
            }

            try
            {
                ran.AddRange(await CatchUpAsync(unit, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCatchUpFailed(unit.Msn.Value, e.GetType().Name, e.Message);
            }
        }

        return ran;
    }

    /// <summary>
    /// The ledger dates of the sales unit that can be reconciled now, in its market's zone: from the configured first date
    /// (when set) or the day the unit was registered, to yesterday (the last date that has ended). <c>Last &lt; First</c> on the day
    /// a unit is registered: nothing can be reconciled yet.
    /// </summary>
    public (DateOnly First, DateOnly Last) ReconcilableDates(SalesUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var zone = Options.ZoneOf(unit.Market);
        return (Options.FirstDate ?? Options.DateOf(unit.CreatedAt, zone), Options.DateOf(time.GetUtcNow(), zone).AddDays(-1));
    }

    private async Task<IReadOnlyList<ReconciliationDay>> CatchUpAsync(SalesUnit unit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (first, last) = ReconcilableDates(unit);
        var earliest = last.AddDays(1 - Math.Max(1, Options.MaxLookbackDays));
        if (first < earliest)
        {
            first = earliest;
        }

        var stored = (await store.ListAsync(unit.Msn, cancellationToken)).ToDictionary(d => d.LedgerDate);
        var ran = new List<ReconciliationDay>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (stored.TryGetValue(date, out var day) && (day.Status is ReconciliationStatus.Reconciled or ReconciliationStatus.NoConsent
                || (day.NextAttemptAt is { } next && next > now)))
            {
                continue;
            }

            ran.Add(await ReconcileAsync(unit, date, day, cancellationToken));
        }

        return ran;
    }

    private async Task<ReconciliationDay> ReconcileAsync(SalesUnit unit, DateOnly date, ReconciliationDay? previous, CancellationToken cancellationToken)
    {
        var msn = unit.Msn;
        using var activity = OrchestratorTelemetry.StartReconciliation(msn.Value, date);
        var zone = Options.ZoneOf(unit.Market);
        var window = new ReconciliationWindow(date, Options.StartOf(date, zone), Options.StartOf(date.AddDays(1), zone));
        var now = time.GetUtcNow();
        var attempts = (previous?.Attempts ?? 0) + 1;
        var currency = unit.Currency.ToString();
        ReconciliationDay Unfinished(ReconciliationStatus status, string reason, string? ledgerId, DateTimeOffset? next) =>
            new(msn.Value, date, status, reason, ledgerId, currency, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, attempts, now, next, null, []);

        ReconciliationDay day;
        if (now < window.End)
        {
            day = Unfinished(ReconciliationStatus.Pending, "The ledger date has not ended yet.", null, window.End);
        }
        else
        {
            try
            {
                day = await ReadAndMatchAsync(unit, window, attempts, now, cancellationToken);
            }
            catch (NotClosedException e)
            {
                day = Unfinished(ReconciliationStatus.Pending, $"Vipps has not closed the ledger date yet ({e.Message}).", e.LedgerId, now + Options.PendingRetryDelay);
            }
            catch (NoConsentException e)
            {
                day = Unfinished(ReconciliationStatus.NoConsent, "No consent: " + e.Message, e.LedgerId, null);
            }
            catch (VippsCredentialException e)
            {
                day = Unfinished(ReconciliationStatus.Failed, "No accounting keys for this sales unit: " + e.Message, null, now + Options.Interval);
            }
            catch (VippsApiException e)
            {
                day = Unfinished(ReconciliationStatus.Failed, "The Report API failed: " + e.Message, null, now + Options.Interval);
            }
        }

        if (day.Status != ReconciliationStatus.Reconciled && previous is { Status: ReconciliationStatus.Reconciled })
        {
            // A rerun of a reconciled date that could not read the ledger (the Report API failing, consent withdrawn
            // since) says so to whoever asked, and keeps the report it would have replaced: finance's totals and
            // findings stay, and the date is not taken for never reconciled.
            LogRerunKept(msn.Value, date, day.Status, day.Reason ?? "");
            OrchestratorTelemetry.Reconciled(activity, day.Msn, day.Status.ToString(), []);
            return day with { Reason = $"{day.Reason} The report of {previous.ReconciledAt:u} is kept." };
        }

        if (day.Status != ReconciliationStatus.Reconciled)
        {
            await store.SaveDayAsync(day, cancellationToken);
            LogUnfinished(msn.Value, date, day.Status, day.Reason ?? "");
            OrchestratorTelemetry.Reconciled(activity, day.Msn, day.Status.ToString(), []);
            return day;
        }

        // Rows, then outcomes, then the day row: a crash in between leaves the date not reconciled, so it runs again
        // and publishes the same ids (at least once).
        await store.SaveFindingsAsync(msn, date, day.Discrepancies, cancellationToken);
        foreach (var finding in day.Discrepancies)
        {
            await publisher.PublishAsync(DiscrepancyOutcome(day, finding, now), cancellationToken);
        }

        await publisher.PublishAsync(CompletedOutcome(day, now), cancellationToken);
        await store.SaveDayAsync(day, cancellationToken);
        LogReconciled(msn.Value, date, day.Matched, day.Discrepancies.Count);
        OrchestratorTelemetry.Reconciled(activity, day.Msn, day.Status.ToString(), [.. day.Discrepancies.Select(d => d.Kind.ToString())]);
        return day;
    }

    private async Task<ReconciliationDay> ReadAndMatchAsync(SalesUnit unit, ReconciliationWindow window, int attempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var msn = unit.Msn;
        var vippsMsn = V.MerchantSerialNumber.Create(msn.Value);
        var ledger = await report.FindLedgerAsync(vippsMsn, cancellationToken) switch
        {
            LedgerFound found => found.Ledger,
            ReportNoConsent no => throw new NoConsentException(no.LedgerId, no.Reason),
            var other => throw new InvalidOperationException($"Unexpected answer {other.GetType().Name}."),
        };

        var funds = await ReadDateAsync(vippsMsn, ledger, ReportTopic.Funds, window.LedgerDate, cancellationToken);
        var fees = await ReadDateAsync(vippsMsn, ledger, ReportTopic.Fees, window.LedgerDate, cancellationToken);
        var currency = ledger.Currency ?? unit.Currency.ToString();

        // Operations near the cut-off settle on either side of it: read a day either way (they land in OutsideDate).
        var ours = await sagas.ListExecutedOperationsAsync(msn, window.Start.AddDays(-1), window.End.AddDays(1), cancellationToken);
        var result = Reconciler.Reconcile(msn, window, ours, funds.Select(e => ToEntry(e, window.LedgerDate, currency)), fees.Select(e => ToEntry(e, window.LedgerDate, currency)), currency,
            sharedLedger: ledger.SettlesForRecipientHandles.Count > 1);
        var t = result.Totals;
        return new ReconciliationDay(
            msn.Value, window.LedgerDate, ReconciliationStatus.Reconciled,
            result.IsClean ? null : $"{result.Discrepancies.Count} discrepancies.",
            ledger.LedgerId, currency,
            result.Matched.Count, result.MissingAtVipps.Count, result.UnknownToUs.Count, result.AmountMismatches.Count,
            result.OutsideDate.Count, result.UnrecognizedEntries.Count, result.OtherEntries.Count,
            t.Captured, t.Refunded, t.Fees, t.FeesRetained, t.Payout,
            attempts, now, null, now,
            [.. result.Discrepancies.Select(ToFinding)]);
    }

    private async Task<IReadOnlyList<LedgerTransaction>> ReadDateAsync(V.MerchantSerialNumber msn, Ledger ledger, ReportTopic topic, DateOnly date, CancellationToken cancellationToken) =>
        await report.GetLedgerDateAsync(msn, ledger.LedgerId, topic, date, cancellationToken) switch
        {
            LedgerDateClosed closed => closed.Entries,
            LedgerDateNotClosed not => throw new NotClosedException(ledger.LedgerId, not.Reason),
            ReportNoConsent no => throw new NoConsentException(ledger.LedgerId, no.Reason),
            var other => throw new InvalidOperationException($"Unexpected answer {other.GetType().Name}."),
        };

    private static SettlementEntry ToEntry(LedgerTransaction t, DateOnly date, string currency) => new(
        t.PspReference,
        t.Time ?? default,
        t.LedgerDate ?? date,
        t.EntryTypeName,
        t.Reference,
        t.Currency ?? currency,
        t.Amount,
        t.Msn is { } m && Msn.Create(m.Value) is { IsValid: true } valid ? valid.Value : null);

    private static ReconciliationFinding ToFinding(Discrepancy d) => new(
        d.Id,
        d.Kind,
        d.Ours is { } o ? new FindingSide(o.Kind.ToString().ToLowerInvariant(), o.Reference, o.Amount.MinorUnits, o.Amount.Currency.ToString(), o.At, o.OperationId, o.PspReference)
        {
            SagaKind = o.SagaKind,
        } : null,
        d.Theirs is { } e ? new FindingSide(e.EntryTypeName, e.Reference, Math.Abs(e.Amount), e.Currency, e.Time, null, e.PspReference) : null,
        d.Ours is not null && d.Theirs is not null ? Math.Abs(d.Theirs.Amount) - d.Ours.Amount.MinorUnits : null);

    /// <summary>The saga key outcomes carry: subject <c>{msn}/reconciliation:{date}</c>.</summary>
    private static SagaKey Subject(ReconciliationDay day) =>
        new(SagaKind.Payment, Msn.Create(day.Msn).Value, "reconciliation:" + day.LedgerDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Same finding, same sides → same id; a re-run that finds the same gives a copy consumers drop.</summary>
    private static OutgoingEvent DiscrepancyOutcome(ReconciliationDay day, ReconciliationFinding f, DateTimeOffset now) => OutgoingEvent.Create(
        OutgoingEventTypes.ReconciliationDiscrepancy,
        Subject(day),
        now,
        new OutcomeData
        {
            Msn = day.Msn,
            Reference = f.Ours?.Reference ?? f.Vipps?.Reference,
            Reconciliation = new ReconciliationData
            {
                LedgerDate = Date(day),
                LedgerId = day.LedgerId,
                Currency = day.Currency ?? "",
                DiscrepancyId = f.Id,
                Kind = f.Kind.ToString(),
                Ours = Side(f.Ours),
                Vipps = Side(f.Vipps),
                Difference = f.Difference,
            },
        },
        Digest($"{f.Id}|{f.Ours?.Amount}|{f.Vipps?.Amount}"));

    private static OutgoingEvent CompletedOutcome(ReconciliationDay day, DateTimeOffset now) => OutgoingEvent.Create(
        OutgoingEventTypes.ReconciliationCompleted,
        Subject(day),
        now,
        new OutcomeData
        {
            Msn = day.Msn,
            Status = day.IsClean ? "matched" : "discrepancies",
            Reconciliation = new ReconciliationData
            {
                LedgerDate = Date(day),
                LedgerId = day.LedgerId,
                Currency = day.Currency ?? "",
                Clean = day.IsClean,
                Matched = day.Matched,
                MissingAtVipps = day.MissingAtVipps,
                UnknownToUs = day.UnknownToUs,
                AmountMismatches = day.AmountMismatches,
                Captured = day.Captured,
                Refunded = day.Refunded,
                Fees = day.Fees,
                Payout = day.Payout,
            },
        },
        Digest(string.Join('|', day.Matched, day.MissingAtVipps, day.UnknownToUs, day.AmountMismatches, day.Captured, day.Refunded, day.Fees, day.Payout,
            string.Join(',', day.Discrepancies.Select(d => d.Id)))));

    private static ReconciliationSide? Side(FindingSide? side) => side is null ? null : new ReconciliationSide
    {
        Operation = side.Operation,
        Reference = side.Reference,
        Amount = side.Amount,
        At = side.At,
        OperationId = side.OperationId,
        PspReference = side.PspReference,
    };

    private static string Date(ReconciliationDay day) => day.LedgerDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Reconciled sales unit {Msn} for {LedgerDate}: {Matched} matched, {Discrepancies} discrepancies.")]
    private partial void LogReconciled(string msn, DateOnly ledgerDate, int matched, int discrepancies);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Information, Message = "Reconciliation of sales unit {Msn} for {LedgerDate} is {Status}: {Reason}")]
    private partial void LogUnfinished(string msn, DateOnly ledgerDate, ReconciliationStatus status, string reason);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Warning, Message = "Reconciliation rerun of sales unit {Msn} for {Date} ended {Status} ({Reason}); its earlier report is kept")]
    private partial void LogRerunKept(string msn, DateOnly date, ReconciliationStatus status, string reason);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Warning, Message = "Reconciliation catch-up of sales unit {Msn} failed ({Error}): {Detail}")]
    private partial void LogCatchUpFailed(string msn, string error, string detail);

    private sealed class NotClosedException(string ledgerId, string reason) : Exception(reason)
    {
        public string LedgerId => ledgerId;
    }

    private sealed class NoConsentException(string? ledgerId, string reason) : Exception(reason)
    {
        public string? LedgerId => ledgerId;
    }
}
