using PaymentOrchestrator.Testing.Sagas;
using System.Text;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.Intake;

public sealed class IntakeTests
{
    private const string Msn = SagaHarness.Msn;

    [Fact]
    public async Task an_unregistered_msn_is_rejected_and_vipps_is_never_called()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.SendAsync(Events.PaymentRequested(SimulatorDefaults.DenmarkMsn, Events.NewReference(), 10_000, "DKK"));

        Assert.Equal(IntakeRejectionCodes.UnknownSalesUnit, Assert.IsType<HandoffRejected>(result).Code);
        Assert.Empty((await h.Simulator.Admin.GetCountersAsync()).Calls);
    }

    [Fact]
    public async Task a_source_not_bound_to_the_sales_unit_cannot_act_for_it()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.SendAsync(Events.PaymentRequested(Msn, Events.NewReference(), 10_000, source: "webshop/mallory"));

        var rejected = Assert.IsType<HandoffRejected>(result);
        Assert.Equal(IntakeRejectionCodes.SourceNotBound, rejected.Code);
        Assert.Contains("webshop/mallory", rejected.Message, StringComparison.Ordinal);
        Assert.Empty((await h.Simulator.Admin.GetCountersAsync()).Calls);
    }

    [Fact]
    public async Task a_disabled_sales_unit_gets_no_payments()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.SalesUnits.SetStatusAsync(Domain.Values.Msn.Create(Msn).Value, SalesUnitStatus.Disabled);

        var result = await h.SendAsync(Events.PaymentRequested(Msn, Events.NewReference(), 10_000));

        Assert.Equal(IntakeRejectionCodes.SalesUnitDisabled, Assert.IsType<HandoffRejected>(result).Code);
        Assert.Empty((await h.Simulator.Admin.GetCountersAsync()).Calls);
    }

    [Fact]
    public async Task a_currency_other_than_the_sales_units_market_is_rejected()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.SendAsync(Events.PaymentRequested(Msn, Events.NewReference(), 10_000, "EUR"));

        Assert.Equal(IntakeRejectionCodes.CurrencyMismatch, Assert.IsType<HandoffRejected>(result).Code);
    }

    [Theory]
    [InlineData("not json at all", "MalformedJson")]
    [InlineData("{\"specversion\":\"1.0\"}", "MissingField")]
    [InlineData("[1,2,3]", "NotAnObject")]
    public async Task malformed_input_is_rejected_with_the_parsers_precise_code(string body, string code)
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.SendAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(code, Assert.IsType<HandoffRejected>(result).Code);
    }

    [Fact]
    public async Task a_refund_queue_refuses_other_event_types()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.SendAsync(Events.PaymentRequested(Msn, Events.NewReference(), 10_000), EventTypeSets.RefundRequests);

        Assert.Equal(IntakeRejectionCodes.WrongQueue, Assert.IsType<HandoffRejected>(result).Code);
    }
}
