using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Tests.Support;

namespace PaymentOrchestrator.Vipps.Tests.Epayment;

public class EpaymentClientTests
{
    private static readonly MerchantSerialNumber Msn = VippsTestHost.Norway;

    [Fact]
    public async Task a_payment_goes_through_create_approve_capture_refund_and_cancel_with_the_aggregate_as_truth()
    {
        await using var host = await VippsTestHost.StartAsync();
        var client = host.Epayment;
        var reference = Payments.NewReference();

        var created = await client.CreatePaymentAsync(Msn, Payments.WebRedirect(reference, 10_000), Payments.NewKey("create"));
        Assert.Equal(reference, created.Reference);
        Assert.False(string.IsNullOrEmpty(created.RedirectUrl));
        Assert.Equal(PaymentState.Created, (await client.GetPaymentAsync(Msn, reference)).State);

        await host.Admin.ApprovePaymentAsync(Msn.Value, reference);
        var captured = await client.CapturePaymentAsync(Msn, reference, new Amount(Currency.Nok, 6_000), Payments.NewKey("capture"));
        var refunded = await client.RefundPaymentAsync(Msn, reference, new Amount(Currency.Nok, 1_000), Payments.NewKey("refund"));
        var cancelled = await client.CancelPaymentAsync(Msn, reference, Payments.NewKey("cancel"));

        Assert.Equal(PaymentState.Authorized, captured.State);
        Assert.Equal(6_000, captured.Aggregate.CapturedAmount!.Value);
        Assert.Equal(1_000, refunded.Aggregate.RefundedAmount!.Value);
        Assert.Equal(PaymentState.Authorized, cancelled.State);
        Assert.Equal(4_000, cancelled.Aggregate.CancelledAmount!.Value);
        var payment = await client.GetPaymentAsync(Msn, reference);
        Assert.Equal(PaymentState.Authorized, payment.State);
        Assert.Equal(10_000, payment.Aggregate.AuthorizedAmount!.Value);
        Assert.Equal(Currency.Nok, payment.Amount!.Currency);

        var events = await client.GetPaymentEventsAsync(Msn, reference);
        Assert.Equal(
            [PaymentEventName.Created, PaymentEventName.Authorized, PaymentEventName.Captured, PaymentEventName.Refunded, PaymentEventName.Cancelled],
            events.Select(e => e.Name).ToArray());
        Assert.All(events, e => Assert.True(e.Success));
    }

    [Fact]
    public async Task cancel_before_authorization_terminates_the_payment()
    {
        await using var host = await VippsTestHost.StartAsync();
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));

        var cancelled = await host.Epayment.CancelPaymentAsync(Msn, reference, Payments.NewKey("cancel"), cancelTransactionOnly: true);

        Assert.Equal(PaymentState.Terminated, cancelled.State);
    }

    [Fact]
    public async Task cancel_transaction_only_on_an_authorized_payment_is_a_permanent_6060()
    {
        await using var host = await VippsTestHost.StartAsync();
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));
        await host.Admin.ApprovePaymentAsync(Msn.Value, reference);

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.CancelPaymentAsync(Msn, reference, Payments.NewKey("cancel"), cancelTransactionOnly: true));

        Assert.Equal(400, e.Status);
        Assert.Equal("6060", e.ErrorCode);
        Assert.False(e.IsTransient);
        Assert.NotNull(e.TraceId);
    }

    [Fact]
    public async Task capture_before_approval_fails_with_6080_and_the_problem_details()
    {
        await using var host = await VippsTestHost.StartAsync();
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.CapturePaymentAsync(Msn, reference, new Amount(Currency.Nok, 100), Payments.NewKey("capture")));

        Assert.Equal("6080", e.ErrorCode);
        Assert.Equal("epayment.capture", e.Operation);
        Assert.Equal("123456", e.Msn);
        Assert.True(e.IsProblemResponse);
    }

    [Fact]
    public async Task the_same_key_and_body_is_applied_once_and_answered_twice()
    {
        await using var host = await VippsTestHost.StartAsync();
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));
        await host.Admin.ApprovePaymentAsync(Msn.Value, reference);
        var key = Payments.NewKey("capture");

        var first = await host.Epayment.CapturePaymentAsync(Msn, reference, new Amount(Currency.Nok, 2_500), key);
        var second = await host.Epayment.CapturePaymentAsync(Msn, reference, new Amount(Currency.Nok, 2_500), key);

        Assert.Equal(first.PspReference, second.PspReference);
        var counters = await host.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(Msn.Value, reference));
        Assert.Equal(1, counters.IdempotentReplays);
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_a_permanent_conflict()
    {
        await using var host = await VippsTestHost.StartAsync();
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));
        await host.Admin.ApprovePaymentAsync(Msn.Value, reference);
        var key = Payments.NewKey("capture");
        await host.Epayment.CapturePaymentAsync(Msn, reference, new Amount(Currency.Nok, 2_500), key);

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.CapturePaymentAsync(Msn, reference, new Amount(Currency.Nok, 3_000), key));

        Assert.Equal(409, e.Status);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task a_danish_sales_unit_takes_dkk_through_the_same_partner_keys()
    {
        await using var host = await VippsTestHost.StartAsync();
        var reference = Payments.NewReference();

        await host.Epayment.CreatePaymentAsync(VippsTestHost.Denmark, Payments.WebRedirect(reference, 1, Currency.Dkk), Payments.NewKey("create"));

        Assert.Equal(Currency.Dkk, (await host.Epayment.GetPaymentAsync(VippsTestHost.Denmark, reference)).Amount!.Currency);
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).TokenRequests);
    }

    [Fact]
    public async Task invalid_input_is_refused_before_any_request()
    {
        await using var host = await VippsTestHost.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Epayment.GetPaymentAsync(Msn, "short"));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(Payments.NewReference()) with { ReturnUrl = null }, Payments.NewKey("create")));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(Payments.NewReference()) with { Customer = new Customer() }, Payments.NewKey("create")));

        Assert.Empty(host.Recorder.Requests);
    }

    [Fact]
    public async Task force_approve_works_in_test_with_the_merchants_own_keys()
    {
        await using var host = await VippsTestHost.StartAsync(test: true);
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));

        await host.Epayment.ForceApprovePaymentAsync(Msn, reference, new ForceApproveRequest { Customer = Customer.FromPhoneNumber("4791234567") });

        Assert.Equal(PaymentState.Authorized, (await host.Epayment.GetPaymentAsync(Msn, reference)).State);
    }

    [Fact]
    public async Task force_approve_is_refused_in_production_before_any_request()
    {
        await using var host = await VippsTestHost.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            host.Epayment.ForceApprovePaymentAsync(Msn, Payments.NewReference(), new ForceApproveRequest { Customer = Customer.FromPhoneNumber("4791234567") }));

        Assert.Empty(host.Recorder.Requests);
    }

    [Fact]
    public async Task an_unknown_reference_is_a_permanent_404()
    {
        await using var host = await VippsTestHost.StartAsync();

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Msn, Payments.NewReference()));

        Assert.Equal(404, e.Status);
        Assert.False(e.IsTransient);
    }
}
