using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Tests.Epayment;
using static PaymentOrchestrator.Domain.Tests.Support.Samples;

namespace PaymentOrchestrator.Domain.Tests.Contracts;

/// <summary>The ePayment decider's <c>payment.captured.v1</c> outcomes, as published, against schemas/payment.captured.v1.schema.json.</summary>
public class CapturedSchemaTests
{
    [Fact]
    public async Task the_webshops_capture_matches_the_schema()
    {
        var h = EpaymentDirectCaptureTests.AwaitingCustomer(unitCapturesDirectly: false).GivenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000))).Given(Capture("ship-1", 4_000));

        var decision = h.WhenResult(c => new CaptureSucceeded(c.Key, Aggregate(10_000, captured: 4_000)));

        await CustomerDetailsSchemaTests.AssertMatchesAsync(OutgoingEventTypes.PaymentCaptured, Assert.Single(decision.Outcomes));
    }

    [Fact]
    public async Task the_capture_vipps_made_at_authorization_matches_the_schema()
    {
        var decision = EpaymentDirectCaptureTests.AwaitingCustomer(unitCapturesDirectly: false).WhenResult(c => new PaymentRead(c.Key, VippsPaymentState.Authorized, Aggregate(10_000, captured: 10_000)));

        await CustomerDetailsSchemaTests.AssertMatchesAsync(
            OutgoingEventTypes.PaymentCaptured, Assert.Single(decision.Outcomes, o => o.Type == OutgoingEventTypes.PaymentCaptured));
    }
}
