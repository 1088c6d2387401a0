using System.Text.Json;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.Vipps.Management;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.Running;

/// <summary>
/// A DirectCapture sales unit's payment on the real engine (Durable in-process host, Azurite, the simulator over HTTP):
/// Vipps captures it when the customer authorizes, so the saga publishes the capture without calling capture, refunds
/// within what was captured, and answers a capture request by saying the unit captures directly.
/// </summary>
public sealed class DirectCaptureFlowTests
{
    private const string Msn = SimulatorDefaults.DirectCaptureMsn;

    private static readonly SalesUnitConfiguration DirectCapture = Capabilities.AllAllowed with { CaptureType = CaptureType.DirectCapture };

    [Fact]
    public async Task a_direct_capture_payment_is_published_captured_at_authorization_refunds_within_it_and_a_capture_request_is_told_why_not()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.RegisterAsync(Msn, DirectCapture);
        var reference = Events.NewReference();
        var key = SagaHarness.PaymentKey(reference, Msn);

        var authorized = await AuthorizeAsync(h, reference);
        var capture = await h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000));
        var refunded = (EpaymentState)(await h.SendSettledAsync(Events.RefundRequested(Msn, reference, "rf-1", 4_000))).State;
        var tooMuch = await h.SendAsync(Events.RefundRequested(Msn, reference, "rf-2", 6_001), EventTypeSets.RefundRequests);

        Assert.Equal(EpaymentStatus.Authorized, authorized.Status);
        Assert.True(authorized.CapturedDirectly);
        Assert.Equal(10_000, authorized.Aggregate.Captured.MinorUnits);
        var published = await PublishedAsync(h);
        Assert.Equal(["payment.created.v1", "payment.authorized.v1", "payment.captured.v1", "payment.refunded.v1"], published.Select(p => p.Type));
        var captured = published[2].Data;
        Assert.Equal("DirectCapture", captured.GetProperty("captureType").GetString());
        Assert.Equal(10_000, captured.GetProperty("amount").GetProperty("value").GetInt64());
        var counters = await h.Simulator.Admin.GetCountersAsync();
        Assert.Equal(0, counters.CallsTo("epayment.capture"));
        Assert.Equal(1, counters.CallsTo("epayment.refund"));

        var refusal = Assert.IsType<HandoffRejected>(capture);
        Assert.Equal(EpaymentDecider.CapturedDirectlyCode, refusal.Code);
        Assert.Contains("captured directly by Vipps at authorization", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(4_000, refunded.Aggregate.Refunded.MinorUnits);
        Assert.Equal("refund-exceeds-captured", Assert.IsType<HandoffRejected>(tooMuch).Code);

        var executed = await h.Sagas.ListExecutedOperationsAsync(key.Msn, h.Time.GetUtcNow().AddDays(-1), h.Time.GetUtcNow().AddDays(1));
        Assert.Contains(executed, o => o.Reference == reference && o.Kind == Domain.Reconciliation.SettlementOperationKind.Capture
            && o.Amount.MinorUnits == 10_000 && o.OperationId == "direct-capture"); // reconciliation matches Vipps' capture entry to it

        var timeline = await h.Sagas.TimelineAsync(key);
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.Decided && e.Type == nameof(PaymentCapturedDirectly)
            && e.Summary.StartsWith("Captured directly by Vipps at authorization (DirectCapture sales unit)", StringComparison.Ordinal));
        Assert.DoesNotContain(timeline, e => e.Kind == TimelineEntryKind.CommandQueued && e.Type == nameof(CapturePayment));
    }

    [Fact]
    public async Task a_capture_request_before_the_customer_authorizes_is_told_the_unit_captures_directly_and_nothing_is_called()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.RegisterAsync(Msn, DirectCapture);
        var reference = Events.NewReference();
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000));

        var capture = await h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000));

        var refusal = Assert.IsType<HandoffRejected>(capture);
        Assert.Equal(EpaymentDecider.CapturedDirectlyCode, refusal.Code);
        Assert.Contains($"Sales unit {Msn} captures directly", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.capture"));
    }

    [Fact]
    public async Task a_unit_registered_without_capabilities_still_learns_the_direct_capture_from_vipps_answer()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.RegisterAsync(Msn, Domain.Values.Market.Norway, SalesUnitStatus.Active, Events.Source); // as the seeder: no capabilities
        var reference = Events.NewReference();

        var authorized = await AuthorizeAsync(h, reference);

        Assert.True(authorized.CapturedDirectly);
        Assert.Contains("payment.captured.v1", await h.PublishedTypesAsync());
        Assert.Equal(0, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.capture"));
    }

    private static async Task<EpaymentState> AuthorizeAsync(SagaHarness h, string reference)
    {
        var key = SagaHarness.PaymentKey(reference, Msn);
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000));
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        return (EpaymentState)(await h.WakeAsync(key)).State;
    }

    private static async Task<List<(string Type, JsonElement Data)>> PublishedAsync(SagaHarness h) =>
        [.. (await h.EventsQueue.PeekMessagesAsync(32)).Value.Select(m =>
        {
            var root = JsonDocument.Parse(m.Body.ToString()).RootElement;
            return (root.GetProperty("type").GetString()!, root.GetProperty("data"));
        })];
}
