using System.Globalization;
using System.Text;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>What the console's list asks for: filters, a page size and where the previous page ended.</summary>
/// <param name="Status">A money status (<see cref="PaymentOrchestrator.Domain.Sagas.MoneyStatus"/>, case-insensitive).</param>
/// <param name="From">Created at or after (inclusive).</param>
/// <param name="To">Created before (exclusive).</param>
/// <param name="Search">Part of the reference, subscription id or charge id (case-insensitive), or an amount (450,50).</param>
public sealed record PaymentListFilter(
    SagaKind? Kind = null,
    string? Status = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Search = null,
    int Limit = PaymentListQuery.DefaultLimit,
    string? Continuation = null);

/// <summary>
/// One page: the rows, the token of the next page (null on the last), every money status the filter can offer and
/// how many index rows the page read (<see cref="Scanned"/>: the page's cost).
/// </summary>
public sealed record PaymentPage(IReadOnlyList<SagaSummary> Items, string? Continuation, IReadOnlyList<string> Statuses, int Scanned);

/// <summary>
/// Filters and pages a sales unit's sagas in the list index's order (<see cref="SagaListIndex"/>): newest creation
/// first, ties by kind and id. The continuation token names the last index row read, and a row's place never changes
/// (creation does not), so paging never skips or repeats a row however the sagas change in between. Kind and created
/// range narrow the key range the store reads; money status and search are checked row by row, so a page reads at most
/// <see cref="MaxScannedPerPage"/> index rows and may come back short (even empty) with a token to read on.
/// </summary>
public static class PaymentListQuery
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    /// <summary>A filtered page stops reading here (five requests of 1,000 rows) and hands back a token to go on.</summary>
    public const int MaxScannedPerPage = 5_000;

    /// <summary>
    /// The totals stop reading here (a hundred requests of 1,000 rows, about <c>docs/performance.md</c>'s totals time
    /// at 100,000 payments) and say they are incomplete: narrower dates give complete ones.
    /// </summary>
    public const int MaxTotalsScanned = 100_000;

    private const string TokenVersion = "v2|";

    /// <summary>Every money status, in the order a person reads them: what the filter offers, without reading the partition.</summary>
    public static IReadOnlyList<string> Statuses(SagaKind? kind) =>
        [.. (kind is { } k ? [k] : Enum.GetValues<SagaKind>()).SelectMany(MoneyStatus.Of).Distinct(StringComparer.Ordinal)];

    /// <summary>Null when the filter is valid; otherwise why it is not.</summary>
    public static string? Validate(PaymentListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Limit is < 1 or > MaxLimit)
        {
            return $"limit must be between 1 and {MaxLimit}.";
        }

        if (filter.From is { } from && filter.To is { } to && to <= from)
        {
            return "to must be after from.";
        }

        return filter.Continuation is not null && ReadToken(filter.Continuation) is null ? "The continuation token is not one this API issued." : null;
    }

    /// <summary>One page read from the sales unit's list index (filling it once for sagas older than the index).</summary>
    public static async Task<PaymentPage> PageAsync(SagaStore store, Msn msn, PaymentListFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ThrowIfInvalid(filter);
        await store.EnsureListIndexAsync(msn, cancellationToken);
        // Unfiltered, the page is the next limit+1 rows: ask for exactly those. Filtered, rows are skipped: read in bulk.
        var rowFiltered = !string.IsNullOrEmpty(filter.Status) || !string.IsNullOrWhiteSpace(filter.Search);
        var lines = store.ReadListAsync(msn, RangeOf(filter), rowFiltered ? 1000 : filter.Limit + 1, cancellationToken);
        var page = new PageBuilder(filter);
        await foreach (var line in lines)
        {
            if (!page.Add(line))
            {
                break;
            }
        }

        return page.Build();
    }

    /// <summary>
    /// Captured, refunded and net per currency of every saga the filter matches — all of them, not a page (the
    /// continuation and limit are ignored) — read from the list index's saga rows alone, the list's columns only.
    /// </summary>
    public static async Task<PaymentTotals> TotalsAsync(SagaStore store, Msn msn, PaymentListFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ThrowIfInvalid(filter);
        await store.EnsureListIndexAsync(msn, cancellationToken);
        var all = filter with { Continuation = null };
        return await TotalsAsync(store.ReadListAsync(msn, RangeOf(all), 1000, cancellationToken), all, MaxTotalsScanned, cancellationToken);
    }

    /// <summary>The totals of <paramref name="lines"/> (in the index's order, already narrowed by kind and dates), reading at most <paramref name="maxScanned"/> sagas.</summary>
    public static async Task<PaymentTotals> TotalsAsync(
        IAsyncEnumerable<SagaListLine> lines, PaymentListFilter filter, int maxScanned, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(filter);
        var sums = new SortedDictionary<string, (long Captured, long Refunded)>(StringComparer.Ordinal);
        var (count, scanned) = (0, 0);
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            if (line.Saga is not { } saga)
            {
                continue;
            }

            if (scanned == maxScanned)
            {
                return new PaymentTotals(count, Currencies(sums), Complete: false, scanned);
            }

            scanned++;
            if (!Matches(saga, filter))
            {
                continue;
            }

            count++;
            if (saga.Currency is { Length: > 0 } currency)
            {
                var (captured, refunded) = sums.GetValueOrDefault(currency);
                sums[currency] = (captured + (saga.CapturedMinorUnits ?? 0), refunded + (saga.RefundedMinorUnits ?? 0));
            }
        }

        return new PaymentTotals(count, Currencies(sums), Complete: true, scanned);

        static IReadOnlyList<CurrencyTotals> Currencies(SortedDictionary<string, (long Captured, long Refunded)> sums) =>
            [.. sums.Select(s => new CurrencyTotals(s.Key, s.Value.Captured, s.Value.Refunded))];
    }

    /// <summary>The same page from sagas in memory, in the index's order: what <see cref="PageAsync"/> reads, without storage.</summary>
    public static PaymentPage Page(IEnumerable<SagaSummary> sagas, PaymentListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(sagas);
        ThrowIfInvalid(filter);
        var after = ReadToken(filter.Continuation);
        var lines = sagas
            .Select(s => new SagaListLine(SagaListIndex.SagaRowKey(s.Kind, s.Id, s.CreatedAt), s, null))
            .Where(l => (filter.Kind is not { } kind || l.Saga!.Kind == kind)
                && (filter.From is not { } from || l.Saga!.CreatedAt >= from)
                && (filter.To is not { } to || l.Saga!.CreatedAt < to)
                && (after is null || string.CompareOrdinal(l.RowKey, after) > 0))
            .OrderBy(l => l.RowKey, StringComparer.Ordinal);
        var page = new PageBuilder(filter);
        foreach (var line in lines)
        {
            if (!page.Add(line))
            {
                break;
            }
        }

        return page.Build();
    }

    /// <summary>Whether the saga passes the filters checked row by row (money status and search).</summary>
    public static bool Matches(SagaSummary saga, PaymentListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(saga);
        ArgumentNullException.ThrowIfNull(filter);
        return (string.IsNullOrEmpty(filter.Status) || string.Equals(saga.MoneyStatus, filter.Status, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrWhiteSpace(filter.Search) || MatchesSearch(saga, filter.Search.Trim()));
    }

    /// <summary>
    /// Part of the reference (case-insensitive), or an amount in major units — <c>450</c>, <c>450,50</c>, <c>450.50</c>,
    /// <c>1 234,50</c> — equal to the saga's amount, its captured or its refunded amount.
    /// </summary>
    private static bool MatchesSearch(SagaSummary saga, string search) =>
        saga.Id.Contains(search, StringComparison.OrdinalIgnoreCase)
        || (TryParseAmount(search) is { } minorUnits
            && (saga.AmountMinorUnits == minorUnits || saga.CapturedMinorUnits == minorUnits || saga.RefundedMinorUnits == minorUnits));

    /// <summary>An amount in major units with at most two decimals (a comma or a point; spaces group thousands), in minor units.</summary>
    private static long? TryParseAmount(string text)
    {
        var normalized = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal)
            .Replace(',', '.');
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major)
            && decimal.Round(major, 2) == major && major <= long.MaxValue / 100m
            ? (long)(major * 100m)
            : null;
    }

    /// <summary>The part of the filter the store narrows by key range and column: kind, created range, after the continuation.</summary>
    private static SagaListRange RangeOf(PaymentListFilter filter) => new(filter.From, filter.To, ReadToken(filter.Continuation), filter.Kind);

    private static void ThrowIfInvalid(PaymentListFilter filter)
    {
        if (Validate(filter) is { } error)
        {
            throw new ArgumentException(error, nameof(filter));
        }
    }

    private static string Token(string rowKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenVersion + rowKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? ReadToken(string? token)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return text.StartsWith(TokenVersion + SagaListIndex.Prefix, StringComparison.Ordinal) ? text[TokenVersion.Length..] : null;
        }
        catch (FormatException)
        {
            // Not base64: not ours.
            return null;
        }
    }

    /// <summary>Takes index rows in order until the page is full (one more tells there is a next page) or the read budget is spent.</summary>
    private sealed class PageBuilder(PaymentListFilter filter)
    {
        private readonly List<SagaSummary> items = [];
        private string? lastShown;
        private string? lastRead;
        private int scanned;
        private bool more;

        public bool Add(SagaListLine line)
        {
            if (line.Saga is not { } saga)
            {
                return true;
            }

            if (!Matches(saga, filter))
            {
                scanned++;
                lastRead = line.RowKey;
                return scanned < MaxScannedPerPage || Stop();
            }

            if (items.Count == filter.Limit)
            {
                more = true;
                return false;
            }

            scanned++;
            items.Add(saga);
            lastShown = lastRead = line.RowKey;
            return scanned < MaxScannedPerPage || Stop();
        }

        public PaymentPage Build() =>
            new(items, more ? Token(items.Count == filter.Limit ? lastShown! : lastRead!) : null, Statuses(filter.Kind), scanned);

        /// <summary>The budget is spent: the next page starts after the last row read (matching or not).</summary>
        private bool Stop()
        {
            more = true;
            return false;
        }
    }
}
