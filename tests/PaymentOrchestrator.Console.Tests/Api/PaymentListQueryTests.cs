using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Console.Tests.Api;

public sealed class PaymentListQueryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static SagaSummary Saga(SagaKind kind, string id, string status, DateTimeOffset created, DateTimeOffset updated) =>
        new(kind, id, status, false, "NOK", 10_000, 0, 0, 0, null, created, updated);

    [Fact]
    public void Given_thousands_of_sagas_when_paged_to_the_end_then_every_saga_comes_once_newest_creation_first()
    {
        // 2,500 sagas, many created at the same instant (ties are ordered by kind and id).
        var sagas = Enumerable.Range(0, 2_500)
            .Select(i => Saga((SagaKind)(i % 3), $"order-{i:D5}", "Authorized", T0.AddSeconds(i / 7), T0.AddDays(1).AddSeconds(-i)))
            .ToList();
        var seen = new List<SagaSummary>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = PaymentListQuery.Page(sagas, new PaymentListFilter(Limit: 100, Continuation: token));
            Assert.Equal(page.Items.Count, page.Scanned);
            seen.AddRange(page.Items);
            token = page.Continuation;
            pages++;
        }
        while (token is not null);

        Assert.Equal(25, pages);
        Assert.Equal(2_500, seen.Select(s => (s.Kind, s.Id)).Distinct().Count());
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt), "newest creation first");
    }

    [Fact]
    public void Given_sagas_change_between_pages_when_the_next_page_is_read_then_no_saga_is_skipped_or_repeated()
    {
        var sagas = Enumerable.Range(0, 10).Select(i => Saga(SagaKind.Payment, $"p{i}", "Authorized", T0.AddMinutes(i), T0.AddMinutes(i))).ToList();
        var first = PaymentListQuery.Page(sagas, new PaymentListFilter(Limit: 4));
        Assert.Equal(["p9", "p8", "p7", "p6"], first.Items.Select(s => s.Id));

        // p2 is refunded and p8 polled: their last change moves, their place (creation) does not.
        sagas[2] = sagas[2] with { UpdatedAt = T0.AddHours(1), RefundedMinorUnits = 1_000 };
        sagas[8] = sagas[8] with { UpdatedAt = T0.AddHours(2) };
        var second = PaymentListQuery.Page(sagas, new PaymentListFilter(Limit: 4, Continuation: first.Continuation));
        var third = PaymentListQuery.Page(sagas, new PaymentListFilter(Limit: 4, Continuation: second.Continuation));
        Assert.Equal(["p5", "p4", "p3", "p2"], second.Items.Select(s => s.Id));
        Assert.Equal(["p1", "p0"], third.Items.Select(s => s.Id));
        Assert.Null(third.Continuation);
    }

    [Fact]
    public void Given_a_rare_status_when_a_page_is_read_then_it_reads_at_most_the_budget_and_hands_back_a_token_to_read_on()
    {
        // 12,000 authorized payments and one captured, the oldest: the filter must read through them all, in pieces.
        var sagas = Enumerable.Range(1, 12_000).Select(i => Saga(SagaKind.Payment, $"p{i:D5}", "Authorized", T0.AddSeconds(i), T0.AddSeconds(i))).ToList();
        sagas.Add(Saga(SagaKind.Payment, "captured", "Authorized", T0, T0) with { CapturedMinorUnits = 10_000 });
        var filter = new PaymentListFilter(Status: "Captured", Limit: 10);
        var scans = new List<int>();
        var found = new List<string>();
        string? token = null;
        do
        {
            var page = PaymentListQuery.Page(sagas, filter with { Continuation = token });
            scans.Add(page.Scanned);
            found.AddRange(page.Items.Select(s => s.Id));
            token = page.Continuation;
        }
        while (token is not null);

        Assert.Equal([PaymentListQuery.MaxScannedPerPage, PaymentListQuery.MaxScannedPerPage, 2_001], scans);
        Assert.Equal(["captured"], found);
    }

    [Fact]
    public void Given_filters_when_listed_then_kind_status_created_range_and_reference_search_all_apply()
    {
        var sagas = new[]
        {
            Saga(SagaKind.Payment, "order-10001", "Authorized", T0, T0),
            Saga(SagaKind.Payment, "order-10002", "Aborted", T0.AddDays(1), T0.AddDays(1)),
            Saga(SagaKind.Charge, "chr-ORDER-10003", "Charged", T0.AddDays(1), T0.AddDays(1)),
            Saga(SagaKind.Agreement, "agr-1", "Active", T0.AddDays(2), T0.AddDays(2)),
        };

        Assert.Equal(["order-10001"], Ids(sagas, new PaymentListFilter(Search: " 10001 ")));
        Assert.Equal(["chr-ORDER-10003", "order-10002", "order-10001"], Ids(sagas, new PaymentListFilter(Search: "order")));
        Assert.Equal(["chr-ORDER-10003"], Ids(sagas, new PaymentListFilter(Kind: SagaKind.Charge)));
        Assert.Equal(["order-10002"], Ids(sagas, new PaymentListFilter(Status: "aborted")));
        Assert.Equal(["chr-ORDER-10003", "order-10002"], Ids(sagas, new PaymentListFilter(From: T0.AddDays(1), To: T0.AddDays(2))));
        var page = PaymentListQuery.Page(sagas, new PaymentListFilter(Status: "Nothing"));
        Assert.Empty(page.Items);
        Assert.Null(page.Continuation);
        // The filter offers every money status without reading the partition; of one kind, that kind's.
        Assert.Contains("Partly refunded", page.Statuses);
        Assert.Equal(MoneyStatus.Of(SagaKind.Agreement), PaymentListQuery.Statuses(SagaKind.Agreement));
    }

    [Fact]
    public void Given_captured_and_refunded_payments_when_filtered_by_money_status_then_the_filter_and_the_statuses_say_what_happened_to_the_money()
    {
        var authorized = Saga(SagaKind.Payment, "order-1", "Authorized", T0, T0);
        var sagas = new[]
        {
            authorized,
            authorized with { Id = "order-2", CapturedMinorUnits = 10_000 },
            authorized with { Id = "order-3", CapturedMinorUnits = 10_000, RefundedMinorUnits = 2_500 },
            authorized with { Id = "order-4", CancelledMinorUnits = 10_000 },
        };

        Assert.Equal(["order-2"], Ids(sagas, new PaymentListFilter(Status: "captured")));
        Assert.Equal(["order-3"], Ids(sagas, new PaymentListFilter(Status: "Partly refunded")));
        Assert.Empty(Ids(sagas, new PaymentListFilter(Status: "AwaitingCustomer")));
    }

    [Theory]
    [InlineData(0, null, "limit")]
    [InlineData(501, null, "limit")]
    [InlineData(50, "bm90LW91cnM", "continuation")]
    [InlineData(50, "%%%", "continuation")]
    public void Given_a_bad_limit_or_a_token_we_did_not_issue_when_validated_then_it_is_refused(int limit, string? token, string word) =>
        Assert.Contains(word, PaymentListQuery.Validate(new PaymentListFilter(Limit: limit, Continuation: token)), StringComparison.Ordinal);

    [Theory]
    [InlineData("450", true)]
    [InlineData("450,00", true)]
    [InlineData("450.00", true)]
    [InlineData(" 450 ", true)]
    [InlineData("1 000,50", true)] // the captured amount, with a thousands space
    [InlineData("12,5", true)] // the refunded amount
    [InlineData("450,001", false)]
    [InlineData("-450", false)]
    [InlineData("45", false)]
    [InlineData("order-7", true)]
    public void Given_a_search_that_is_an_amount_when_matched_then_the_amount_captured_or_refunded_must_equal_it(string search, bool matches)
    {
        var saga = Saga(SagaKind.Payment, "order-7", "Authorized", T0, T0) with { AmountMinorUnits = 45_000, CapturedMinorUnits = 100_050, RefundedMinorUnits = 1_250 };
        Assert.Equal(matches, PaymentListQuery.Matches(saga, new PaymentListFilter(Search: search)));
    }

    [Fact]
    public async Task Given_sagas_in_two_currencies_when_totalled_then_each_currency_sums_captured_refunded_and_net_of_the_matching_rows_only()
    {
        SagaSummary[] sagas =
        [
            Saga(SagaKind.Payment, "a-1", "Authorized", T0, T0) with { CapturedMinorUnits = 10_000, RefundedMinorUnits = 2_550 },
            Saga(SagaKind.Payment, "a-2", "Authorized", T0.AddMinutes(1), T0) with { Currency = "DKK", CapturedMinorUnits = 5_000 },
            Saga(SagaKind.Payment, "a-3", "Authorized", T0.AddMinutes(2), T0) with { CapturedMinorUnits = 1_000 },
            Saga(SagaKind.Payment, "b-1", "Authorized", T0.AddMinutes(3), T0) with { CapturedMinorUnits = 99_999 },
        ];

        var totals = await PaymentListQuery.TotalsAsync(Lines(sagas), new PaymentListFilter(Search: "a-", Limit: 1), maxScanned: 100);

        Assert.Equal((3, true, 4), (totals.Count, totals.Complete, totals.Scanned));
        Assert.Equal([new CurrencyTotals("DKK", 5_000, 0), new CurrencyTotals("NOK", 11_000, 2_550)], totals.Currencies);
        Assert.Equal(8_450, totals.Currencies[1].NetMinorUnits);
    }

    [Fact]
    public async Task Given_more_sagas_than_the_budget_when_totalled_then_the_totals_cover_the_newest_and_say_they_are_incomplete()
    {
        var sagas = Enumerable.Range(0, 10).Select(i => Saga(SagaKind.Payment, $"p{i}", "Authorized", T0.AddMinutes(i), T0) with { CapturedMinorUnits = 100 });

        var bounded = await PaymentListQuery.TotalsAsync(Lines(sagas), new PaymentListFilter(), maxScanned: 4);
        var exact = await PaymentListQuery.TotalsAsync(Lines(sagas), new PaymentListFilter(), maxScanned: 10);

        Assert.Equal((4, false, 400L), (bounded.Count, bounded.Complete, bounded.Currencies.Single().CapturedMinorUnits));
        Assert.Equal((10, true, 1_000L), (exact.Count, exact.Complete, exact.Currencies.Single().CapturedMinorUnits));
    }

    /// <summary>The sagas as the list index holds them: in its order, a line each.</summary>
    private static async IAsyncEnumerable<SagaListLine> Lines(IEnumerable<SagaSummary> sagas)
    {
        foreach (var line in sagas.Select(s => new SagaListLine(SagaListIndex.SagaRowKey(s.Kind, s.Id, s.CreatedAt), s, null)).OrderBy(l => l.RowKey, StringComparer.Ordinal))
        {
            await Task.Yield();
            yield return line;
        }
    }

    private static List<string> Ids(IEnumerable<SagaSummary> sagas, PaymentListFilter filter) =>
        [.. PaymentListQuery.Page(sagas, filter).Items.Select(s => s.Id)];
}
