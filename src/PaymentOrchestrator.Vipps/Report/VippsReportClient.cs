using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Report;

/// <summary>
/// Report API (settlements, report-v2.yaml) for reconciliation: ledgers, and the funds and fees reports by ledger
/// date and by feed. Called with accounting keys only (<c>Vipps:AccountingKeySet</c>, or per MSN
/// <c>Vipps:AccountingKeySetsByMsn</c>), chosen by the MSN the caller reconciles; the Report API takes no
/// Merchant-Serial-Number header. The expected non-answers are results, not exceptions: a date that is not closed yet
/// (404 or <c>tryLater</c>) is <see cref="LedgerDateNotClosed"/>, a sales unit whose merchant has not granted access is
/// <see cref="ReportNoConsent"/>. Everything else fails as <see cref="VippsApiException"/> or, before any request,
/// <see cref="VippsCredentialException"/>.
/// </summary>
public class VippsReportClient
{
    /// <summary>Vipps asks to come back no sooner than this after a date that is not closed (report-v2.yaml).</summary>
    public static readonly TimeSpan NotClosedRetryDelay = TimeSpan.FromMinutes(30);

    private const int MaxPages = 10_000;
    private static readonly HashSet<int> DateAnswers = [403, 404];
    private static readonly HashSet<int> ReadAnswers = [403];
    private readonly VippsPipeline? _pipeline;
    private readonly VippsCredentialResolver? _resolver;
    private readonly ILogger? _logger;

    /// <summary>For mocking.</summary>
    protected VippsReportClient()
    {
    }

    internal VippsReportClient(VippsPipeline pipeline, VippsCredentialResolver resolver, ILogger<VippsReportClient> logger)
    {
        _pipeline = pipeline;
        _resolver = resolver;
        _logger = logger;
    }

    private VippsPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>
    /// One page of the ledgers the accounting keys for <paramref name="msn"/> may read (<c>GET /settlement/v1/ledgers</c>),
    /// only those settling <paramref name="msn"/> when <paramref name="onlySettlingMsn"/> (filter <c>api:{msn}</c>).
    /// Pass the previous page's cursor for the next page.
    /// </summary>
    public virtual async Task<LedgerPage> GetLedgersPageAsync(MerchantSerialNumber msn, bool onlySettlingMsn = true, string? cursor = null, CancellationToken cancellationToken = default)
    {
        // A cursor carries the filter; Vipps says no other parameter is needed with it.
        var path = cursor is not null
            ? "settlement/v1/ledgers?cursor=" + Uri.EscapeDataString(cursor)
            : "settlement/v1/ledgers" + (onlySettlingMsn ? "?settlesForRecipientHandles=" + Uri.EscapeDataString("api:" + msn.Value) : "");
        var body = await Pipeline.SendAsync<LedgerListBody>(Call("report.ledgers", path, msn, null), cancellationToken);
        var ledgers = (body.Items ?? [])
            .Where(l => !string.IsNullOrEmpty(l.LedgerId))
            .Select(l => new Ledger(l.LedgerId!, l.Currency, l.PayoutBankAccount, l.Owner, l.SettlesForRecipientHandles ?? []))
            .ToList();
        return new LedgerPage(ledgers, string.IsNullOrEmpty(body.Cursor) ? null : body.Cursor);
    }

    /// <summary>Every ledger (all pages) the accounting keys for <paramref name="msn"/> may read, or only those settling it.</summary>
    public virtual async IAsyncEnumerable<Ledger> ListLedgersAsync(MerchantSerialNumber msn, bool onlySettlingMsn = true, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await GetLedgersPageAsync(msn, onlySettlingMsn, cursor, cancellationToken);
            foreach (var ledger in result.Ledgers)
            {
                yield return ledger;
            }

            if (result.Cursor is null || result.Cursor == cursor)
            {
                yield break;
            }

            cursor = result.Cursor;
        }

        throw new InvalidOperationException($"Listing ledgers did not end after {MaxPages} pages.");
    }

    /// <summary>
    /// The ledger that settles <paramref name="msn"/>: <see cref="LedgerFound"/>, or <see cref="ReportNoConsent"/> when
    /// the accounting keys see none (the merchant has not granted access).
    /// </summary>
    public virtual async Task<ReportResult> FindLedgerAsync(MerchantSerialNumber msn, CancellationToken cancellationToken = default)
    {
        await foreach (var ledger in ListLedgersAsync(msn, onlySettlingMsn: true, cancellationToken))
        {
            if (ledger.Settles(msn))
            {
                return new LedgerFound(ledger);
            }
        }

        return new ReportNoConsent(msn, null, KeySetName(msn), $"No ledger readable with these accounting keys settles api:{msn.Value}: the merchant has not granted the accounting partner access to the sales unit's settlements.");
    }

    /// <summary>
    /// The complete report of one ledger date and topic (<c>GET /report/v2/ledgers/{ledgerId}/{topic}/dates/{date}</c>),
    /// following the cursor through every page: <see cref="LedgerDateClosed"/>, <see cref="LedgerDateNotClosed"/>
    /// (404 or <c>tryLater</c>) or <see cref="ReportNoConsent"/> (403). <paramref name="msn"/> is the sales unit being
    /// reconciled; it chooses the accounting key set.
    /// </summary>
    public virtual async Task<ReportResult> GetLedgerDateAsync(MerchantSerialNumber msn, string ledgerId, ReportTopic topic, DateOnly ledgerDate, CancellationToken cancellationToken = default)
    {
        CheckLedgerId(ledgerId);
        var basePath = $"report/v2/ledgers/{Uri.EscapeDataString(ledgerId)}/{Wire(topic)}/dates/{ledgerDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var entries = new List<LedgerTransaction>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = cursor is null ? basePath : basePath + "?cursor=" + Uri.EscapeDataString(cursor);
            var answer = await Pipeline.SendForAnswerAsync<TransactionPageBody>(Call("report.dates", path, msn, ledgerId, DateAnswers), cancellationToken);
            switch (answer.Status)
            {
                case 403:
                    return NoConsent(msn, ledgerId, answer.Problem);
                case 404:
                    return new LedgerDateNotClosed(ledgerId, topic, ledgerDate, NotClosedRetryDelay, "404: the report for this date is not available yet");
            }

            var body = answer.Value!;
            if (body.TryLater == true)
            {
                return new LedgerDateNotClosed(ledgerId, topic, ledgerDate, NotClosedRetryDelay, "tryLater: the ledger date has not been closed yet");
            }

            entries.AddRange(Read(body.Items));
            if (body.HasMore != true || string.IsNullOrEmpty(body.Cursor) || body.Cursor == cursor)
            {
                var closed = new LedgerDateClosed(ledgerId, topic, ledgerDate, entries);
                Report(closed.UnknownEntryTypes, "report.dates", msn, ledgerId);
                return closed;
            }

            cursor = body.Cursor;
        }

        throw new InvalidOperationException($"Reading ledger {ledgerId} {topic} {ledgerDate} did not end after {MaxPages} pages.");
    }

    /// <summary>
    /// One page of a ledger's feed (<c>GET /report/v2/ledgers/{ledgerId}/{topic}/feed</c>) after <paramref name="cursor"/>
    /// (null: from the start): <see cref="FeedPage"/> or <see cref="ReportNoConsent"/>. Call again with the page's
    /// cursor until <see cref="FeedPage.AtEnd"/>; keep the last cursor to continue later.
    /// </summary>
    public virtual async Task<ReportResult> GetFeedPageAsync(MerchantSerialNumber msn, string ledgerId, ReportTopic topic, string? cursor = null, CancellationToken cancellationToken = default)
    {
        CheckLedgerId(ledgerId);
        var path = $"report/v2/ledgers/{Uri.EscapeDataString(ledgerId)}/{Wire(topic)}/feed" + (cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor));
        var answer = await Pipeline.SendForAnswerAsync<TransactionPageBody>(Call("report.feed", path, msn, ledgerId, ReadAnswers), cancellationToken);
        if (answer.Status == 403)
        {
            return NoConsent(msn, ledgerId, answer.Problem);
        }

        var body = answer.Value!;
        var entries = Read(body.Items);
        var page = new FeedPage(ledgerId, topic, entries, string.IsNullOrEmpty(body.Cursor) ? cursor : body.Cursor, body.TryLater == true || entries.Count == 0);
        Report(page.UnknownEntryTypes, "report.feed", msn, ledgerId);
        return page;
    }

    private static List<LedgerTransaction> Read(List<TransactionBody>? items) =>
        (items ?? []).Select(t => new LedgerTransaction(
            t.PspReference ?? "",
            DateTimeOffset.TryParse(t.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null,
            DateOnly.TryParseExact(t.LedgerDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            t.EntryType ?? "",
            t.Reference,
            t.Currency,
            t.Amount ?? 0,
            t.BalanceBefore,
            t.BalanceAfter,
            t.RecipientHandle)).ToList();

    private void Report(IReadOnlyList<string> unknownTypes, string operation, MerchantSerialNumber msn, string ledgerId)
    {
        if (unknownTypes.Count > 0 && _logger is not null)
        {
            VippsLog.UnknownEntryTypes(_logger, operation, msn.Value, ledgerId, string.Join(", ", unknownTypes));
        }
    }

    private ReportNoConsent NoConsent(MerchantSerialNumber msn, string ledgerId, VippsProblem? problem) =>
        new(msn, ledgerId, KeySetName(msn), $"403 for ledger {ledgerId}: the merchant has not granted these accounting keys access to its settlements{(problem?.Detail is { Length: > 0 } detail ? " (" + detail + ")" : "")}.");

    private string KeySetName(MerchantSerialNumber msn) =>
        (_resolver ?? throw new InvalidOperationException("This instance was created for mocking.")).Resolve(msn, VippsOperationKind.Report).Name;

    private static VippsCall Call(string operation, string path, MerchantSerialNumber msn, string? ledgerId, IReadOnlySet<int>? answered = null) => new()
    {
        Operation = operation,
        Method = HttpMethod.Get,
        Path = path,
        Msn = msn,
        Kind = VippsOperationKind.Report,
        ResourceId = ledgerId,
        SendsMerchantSerialNumber = false,
        AnsweredStatuses = answered,
    };

    private static string Wire(ReportTopic topic) => topic switch
    {
        ReportTopic.Funds => "funds",
        ReportTopic.Fees => "fees",
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, "Use Funds or Fees."),
    };

    private static void CheckLedgerId(string ledgerId)
    {
        if (string.IsNullOrWhiteSpace(ledgerId) || ledgerId.Length > 100)
        {
            throw new ArgumentException("A ledger id is 1 to 100 characters (from GET /settlement/v1/ledgers).", nameof(ledgerId));
        }
    }
}
