using PaymentOrchestrator.Orchestration.Tests.Support;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using Xunit.Abstractions;

namespace PaymentOrchestrator.Orchestration.Tests.Stores;

/// <summary>
/// Rows stay bounded: however many captures and refunds a saga takes, no property of its row grows with them (issue
/// 21: 34 refunds with long reasons used to lock a payment for good). Each operation is applied through the runner
/// and answered as the engine would (the command's result applied), on real Azurite.
/// </summary>
public sealed class SagaRowBoundsTests(ITestOutputHelper output)
{
    /// <summary>Well under the 32K characters Table Storage keeps per string property.</summary>
    private const int RowPropertyBound = 8 * 1024;

    private static readonly Msn SalesUnit = Msn.Create("123456").Value;

    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly string LongReason = new('<', 200); // the longest reason, and a character JSON escapes to six

    private static readonly string LongRequester = new('<', 100);

    [Fact]
    public async Task a_thousand_refunds_keep_the_saga_row_bounded_and_each_has_its_own_readable_row()
    {
        var rig = await Rig.StartAsync();
        var key = await rig.CapturedPaymentAsync("order-bounded-1", 10_000);

        var sizes = await rig.ApplyAnsweredManyAsync(key, 1_000, 100, i => (
            new PaymentRefundRequested(SalesUnit, PaymentReference.Create(key.Id).Value, RefundId(i), Nok(1), LongReason, "finance@shop.example"),
            c => new RefundSucceeded(c.Key, Aggregate(10_000, 10_000, refunded: i))));

        output.WriteLine($"Longest saga row property after refund 10, 100, 200 … 1,000: {string.Join(", ", sizes)} characters");
        Assert.All(sizes, size => Assert.True(size < RowPropertyBound, $"a saga row property is {size} characters"));
        Assert.True(sizes[^1] - sizes[0] < 32, $"the row grew from {sizes[0]} to {sizes[^1]} characters between refund 10 and 1,000");
        var operations = await rig.Store.ListOperationsAsync(key);
        Assert.Equal(Enumerable.Range(1, 1_000).Select(RefundId), operations.Refunds.Select(r => r.RefundId));
        Assert.All(operations.Refunds, r => Assert.Equal((OperationStatus.Succeeded, LongReason, 1L), (r.Status, r.Reason, r.Amount.MinorUnits)));
        var executed = await rig.Store.ListExecutedOperationsAsync(SalesUnit, T0.AddDays(-1), T0.AddDays(1));
        Assert.Equal(1_000, executed.Count(o => o.Kind == SettlementOperationKind.Refund));
        Assert.Equal(1_000, executed.Where(o => o.Kind == SettlementOperationKind.Refund).Select(o => o.OperationId).Distinct().Count());
        var stored = (await rig.Store.LoadAsync(key))!;
        Assert.Equal(1_000, ((EpaymentState)stored.State).RefundCount);
        Assert.Equal(stored.UnpublishedOutcomeCount, (await rig.Store.ListUnpublishedOutcomesAsync(key, 5_000)).Count);
    }

    [Fact]
    public async Task a_refund_id_used_long_ago_is_still_recognised_from_its_row_as_a_repeat_or_a_reuse()
    {
        var rig = await Rig.StartAsync();
        var key = await rig.CapturedPaymentAsync("order-bounded-2", 10_000);
        var first = new PaymentRefundRequested(SalesUnit, PaymentReference.Create(key.Id).Value, "rf-1", Nok(100), "Returned goods", "finance@shop.example");
        await rig.ApplyAnsweredAsync(key, first, c => new RefundSucceeded(c.Key, Aggregate(10_000, 10_000, refunded: 100)));
        Assert.Empty(((EpaymentState)(await rig.Store.LoadAsync(key))!.State).InFlight);

        var repeat = await rig.Runner.ApplyAsync(key, first, rig.Origin("again"));
        var otherRequester = await rig.Runner.ApplyAsync(key, first with { RequestedBy = "someone@else.example" }, rig.Origin("other"));

        Assert.Equal(ApplyStatus.NoChange, repeat.Status);
        Assert.Equal("refund-id-reused", otherRequester.Rejection?.Code);
        Assert.Contains("someone@else.example", otherRequester.Rejection!.Reason, StringComparison.Ordinal);
        Assert.Single((await rig.Store.ListOperationsAsync(key)).Refunds);
    }

    [Fact]
    public async Task three_hundred_captures_keep_the_saga_row_bounded_and_each_has_its_own_readable_row()
    {
        var rig = await Rig.StartAsync();
        var key = await rig.AuthorizedPaymentAsync("order-bounded-3", 10_000);

        var sizes = await rig.ApplyAnsweredManyAsync(key, 300, 100, i => (
            new PaymentCaptureRequested(SalesUnit, PaymentReference.Create(key.Id).Value, CaptureId(i), Nok(1)),
            c => new CaptureSucceeded(c.Key, Aggregate(10_000, i))));

        Assert.All(sizes, size => Assert.True(size < RowPropertyBound, $"a saga row property is {size} characters"));
        Assert.True(sizes[^1] - sizes[0] < 32, $"the row grew from {sizes[0]} to {sizes[^1]} characters between capture 10 and 300");
        var captures = (await rig.Store.ListOperationsAsync(key)).Captures;
        Assert.Equal(Enumerable.Range(1, 300).Select(CaptureId), captures.Select(c => c.CaptureId));
        Assert.All(captures, c => Assert.Equal(OperationStatus.Succeeded, c.Status));
        var executed = await rig.Store.ListExecutedOperationsAsync(SalesUnit, T0.AddDays(-1), T0.AddDays(1));
        Assert.Equal(300, executed.Count(o => o.Kind == SettlementOperationKind.Capture));
    }

    [Fact]
    public async Task two_hundred_captures_and_refunds_of_a_charge_keep_its_row_bounded()
    {
        var rig = await Rig.StartAsync();
        var key = await rig.ReservedChargeAsync("charge-bounded-1", 200);
        var chargeId = ChargeId.Create(key.Id).Value;

        // Captured in parts until all is captured, then refunded in parts (a charge is refunded only once nothing of it is
        // reserved any more: a refunded charge takes no more captures).
        var sizes = await rig.ApplyAnsweredManyAsync(key, 200, 50, i => i <= 100
            ? (new ChargeCaptureRequested(SalesUnit, chargeId, CaptureId(i), Nok(2), null), c => new ChargeCaptureSucceeded(c.Key))
            : (new ChargeRefundRequested(SalesUnit, chargeId, RefundId(i - 100), Nok(1), LongReason, "finance@shop.example", null), c => new ChargeRefundSucceeded(c.Key)));

        Assert.All(sizes, size => Assert.True(size < RowPropertyBound, $"a saga row property is {size} characters"));
        Assert.True(sizes[^1] - sizes[0] < 32, $"the row grew from {sizes[0]} to {sizes[^1]} characters");
        var state = (ChargeState)(await rig.Store.LoadAsync(key))!.State;
        Assert.Equal((200L, 100L), (state.Summary.Captured.MinorUnits, state.Summary.Refunded.MinorUnits));
        var operations = await rig.Store.ListOperationsAsync(key);
        Assert.Equal((100, 100), (operations.Captures.Count, operations.Refunds.Count));
        Assert.All(operations.Refunds, r => Assert.Equal(OperationStatus.Succeeded, r.Status));
    }

    [Fact]
    public async Task the_cap_of_refunds_in_flight_at_maximum_field_lengths_fits_the_state_property_and_the_next_is_refused_unrecorded()
    {
        var rig = await Rig.StartAsync();
        var reference = new string('r', 50);
        var key = await rig.CapturedPaymentAsync(reference, Money.MaxMinorUnits);

        for (var i = 1; i <= OperationLimits.MaxInFlight; i++)
        {
            var applied = await rig.Runner.ApplyAsync(key, LongestRefund(reference, i), rig.Origin($"refund-{i}"));
            Assert.Equal(ApplyStatus.Applied, applied.Status);
        }

        var full = await rig.Runner.ApplyAsync(key, LongestRefund(reference, OperationLimits.MaxInFlight + 1), rig.Origin("refund-beyond"));

        var state = (EpaymentState)(await rig.Store.LoadAsync(key))!.State;
        Assert.Equal(OperationLimits.MaxInFlight, state.InFlight.Count);
        var json = SagaStateJson.Serialize(state).Length;
        output.WriteLine($"{OperationLimits.MaxInFlight} payment refunds in flight at the longest fields: {json} of {SagaStore.MaxStateChars} characters");
        Assert.True(json < SagaStore.MaxStateChars, $"{OperationLimits.MaxInFlight} refunds in flight take {json} characters");
        Assert.Equal(OperationLimits.InFlightCode, full.Rejection?.Code);
        Assert.Contains($"{OperationLimits.MaxInFlight} captures and refunds are in flight", full.Rejection!.Reason, StringComparison.Ordinal);
        // Not remembered: the same event is decided afresh when it is delivered again.
        Assert.Null(await rig.Store.FindAppliedAsync(SalesUnit, "finance/tests", "refund-beyond"));
    }

    [Fact]
    public async Task the_cap_of_charge_refunds_in_flight_at_maximum_field_lengths_fits_the_state_property()
    {
        var rig = await Rig.StartAsync();
        var key = await rig.ReservedChargeAsync(new string('c', 50), Money.MaxMinorUnits, new string('a', 100));
        var chargeId = ChargeId.Create(key.Id).Value;
        await rig.ApplyAnsweredAsync(key, new ChargeCaptureRequested(SalesUnit, chargeId, new string('k', 64), Nok(Money.MaxMinorUnits), null), c => new ChargeCaptureSucceeded(c.Key));

        for (var i = 1; i <= OperationLimits.MaxInFlight; i++)
        {
            var refund = new ChargeRefundRequested(SalesUnit, chargeId, LongId(i), Nok(1), LongReason, LongRequester, null);
            Assert.Equal(ApplyStatus.Applied, (await rig.Runner.ApplyAsync(key, refund, rig.Origin($"refund-{i}"))).Status);
        }

        var state = (ChargeState)(await rig.Store.LoadAsync(key))!.State;
        Assert.Equal(OperationLimits.MaxInFlight, state.InFlight.Count);
        var json = SagaStateJson.Serialize(state).Length;
        output.WriteLine($"{OperationLimits.MaxInFlight} charge refunds in flight at the longest fields: {json} of {SagaStore.MaxStateChars} characters");
        Assert.True(json < SagaStore.MaxStateChars, $"{OperationLimits.MaxInFlight} charge refunds in flight take {json} characters");
    }

    private static PaymentRefundRequested LongestRefund(string reference, int i) =>
        new(SalesUnit, PaymentReference.Create(reference).Value, LongId(i), Nok(1), LongReason, LongRequester);

    private static string LongId(int i) => i.ToString("D64", System.Globalization.CultureInfo.InvariantCulture);

    private static string RefundId(int i) => "refund-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static string CaptureId(int i) => "capture-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static Money Nok(long minorUnits) => new(minorUnits, Currency.NOK);

    private static PaymentAggregate Aggregate(long authorized, long captured = 0, long refunded = 0) =>
        new(Nok(authorized), Nok(captured), Nok(refunded), Nok(0));

    /// <summary>A runner over its own table on the shared Azurite, with a fake clock that moves a millisecond per apply.</summary>
    private sealed class Rig(TableClient table, SagaStore store, SagaRunner runner, FakeTimeProvider clock)
    {
        public SagaStore Store { get; } = store;

        public SagaRunner Runner { get; } = runner;

        public static async Task<Rig> StartAsync()
        {
            var azurite = await SharedAzurite.GetAsync();
            var table = new StorageClients(azurite.ConnectionString).Tables.GetTableClient("bounds" + Guid.NewGuid().ToString("N")[..10]);
            await table.CreateIfNotExistsAsync();
            var store = new SagaStore(table);
            var clock = new FakeTimeProvider(T0);
            var runner = new SagaRunner(store, new SagaDeciders(), clock, Options.Create(new PaymentOrchestratorOptions()), new NoPublisher(), NullLogger<SagaRunner>.Instance);
            return new Rig(table, store, runner, clock);
        }

        public EventOrigin Origin(string id) => new(id, "finance/tests", "payment.refund-requested.v1");

        /// <summary>Applies an input that hands out one command, then that command's result, as the engine would.</summary>
        public async Task ApplyAnsweredAsync(SagaKey key, SagaInput input, Func<VippsCommand, SagaInput> answer)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            var applied = await Runner.ApplyAsync(key, input);
            Assert.True(applied.Status == ApplyStatus.Applied, $"{input.GetType().Name}: {applied.Status} {applied.Rejection}");
            var command = Assert.Single(applied.Commands);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            var answered = await Runner.ApplyAsync(key, answer(command));
            Assert.True(answered.Status == ApplyStatus.Applied, $"{command.GetType().Name}'s result: {answered.Status} {answered.Rejection}");
        }

        /// <summary>
        /// Applies <paramref name="count"/> answered operations; returns the saga row's longest property after the 10th
        /// and after every <paramref name="every"/>th.
        /// </summary>
        public async Task<List<int>> ApplyAnsweredManyAsync(
            SagaKey key, int count, int every, Func<int, (SagaInput Input, Func<VippsCommand, SagaInput> Answer)> operation)
        {
            var sizes = new List<int>();
            for (var i = 1; i <= count; i++)
            {
                var (input, answer) = operation(i);
                await ApplyAnsweredAsync(key, input, answer);
                if (i % every == 0 || i == 10)
                {
                    sizes.Add(await LargestPropertyAsync(key));
                }
            }

            return sizes;
        }

        public async Task<SagaKey> AuthorizedPaymentAsync(string reference, long amount)
        {
            var key = SagaKey.Payment(SalesUnit, PaymentReference.Create(reference).Value);
            var request = new PaymentRequested(SalesUnit, PaymentReference.Create(reference).Value, Nok(amount), UserFlow.WebRedirect,
                "https://shop.example/return", null, "Order", PaymentMethodType.Wallet);
            await ApplyAnsweredAsync(key, request, c => new PaymentCreated(c.Key, "https://pay.example/x"));
            await ApplyAnsweredAsync(key, new WebhookReceived("epayments.payment.authorized.v1"),
                c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(amount)));
            return key;
        }

        public async Task<SagaKey> CapturedPaymentAsync(string reference, long amount)
        {
            var key = await AuthorizedPaymentAsync(reference, amount);
            await ApplyAnsweredAsync(key, new PaymentCaptureRequested(SalesUnit, PaymentReference.Create(reference).Value, "capture-all", Nok(amount)),
                c => new CaptureSucceeded(c.Key, Aggregate(amount, amount)));
            return key;
        }

        public async Task<SagaKey> ReservedChargeAsync(string chargeId, long amount, string agreementId = "agr_bounds")
        {
            var id = ChargeId.Create(chargeId).Value;
            var key = SagaKey.Charge(SalesUnit, id);
            var request = new ChargeRequested(SalesUnit, id, agreementId, null, Nok(amount), "Coffee", DateOnly.FromDateTime(T0.UtcDateTime).AddDays(3), 2,
                ChargeTransactionType.ReserveCapture);
            await ApplyAnsweredAsync(key, request, c => new ChargeCreated(c.Key));
            await ApplyAnsweredAsync(key, new WebhookReceived("recurring.charge-reserved.v1"),
                c => new ChargeRead(c.Key, VippsChargeStatus.Reserved, null, null, null));
            return key;
        }

        /// <summary>The length of the saga row's longest string property (its state, in practice).</summary>
        public async Task<int> LargestPropertyAsync(SagaKey key)
        {
            var row = (await table.GetEntityAsync<TableEntity>(key.Msn.Value, $"S|{key.RowKey}")).Value;
            return row.Keys.Max(k => row[k] is string s ? s.Length : 0);
        }
    }
}
