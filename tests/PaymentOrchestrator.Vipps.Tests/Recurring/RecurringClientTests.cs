using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Recurring;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Recurring;

public class RecurringClientTests
{
    private static readonly MerchantSerialNumber Msn = VippsTestHost.Norway;
    private static readonly SimulatorOptions LongTokens = new() { TokenLifetime = TimeSpan.FromDays(30) };

    private static DraftAgreementRequest Draft(string product = "Premium news") => new()
    {
        Pricing = new AgreementPricingRequest { Type = PricingType.Legacy, Currency = Currency.Nok, Amount = 2_500 },
        Interval = new TimePeriod(TimePeriodUnit.Month, 1),
        MerchantAgreementUrl = "https://example.com/my-subscriptions",
        MerchantRedirectUrl = "https://example.com/redirect",
        ProductName = product,
        ProductDescription = "All articles",
        ExternalId = "sub-" + Guid.NewGuid().ToString("N")[..8],
    };

    private static async Task<string> ActiveAgreementAsync(VippsTestHost host)
    {
        var draft = await host.Recurring.DraftAgreementAsync(Msn, Draft(), Payments.NewKey("draft"));
        await host.Admin.AcceptAgreementAsync(Msn.Value, draft.AgreementId);
        return draft.AgreementId;
    }

    private static async Task<DateOnly> DueInDaysAsync(VippsTestHost host, int days) =>
        DateOnly.FromDateTime((await host.Admin.GetTimeAsync()).UtcDateTime).AddDays(days);

    [Fact]
    public async Task an_agreement_is_drafted_accepted_listed_updated_and_stopped()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: LongTokens);

        var draft = await host.Recurring.DraftAgreementAsync(Msn, Draft(), Payments.NewKey("draft"));
        Assert.False(string.IsNullOrEmpty(draft.AgreementId));
        Assert.False(string.IsNullOrEmpty(draft.VippsConfirmationUrl));
        Assert.Equal(AgreementStatus.Pending, (await host.Recurring.GetAgreementAsync(Msn, draft.AgreementId)).Status);

        await host.Admin.AcceptAgreementAsync(Msn.Value, draft.AgreementId);
        var active = await host.Recurring.GetAgreementAsync(Msn, draft.AgreementId);
        Assert.Equal(AgreementStatus.Active, active.Status);
        Assert.Equal(PricingType.Legacy, active.Pricing!.Type);
        Assert.Equal(2_500, active.Pricing.Amount);
        Assert.Equal(TimePeriodUnit.Month, active.Interval!.Unit);
        Assert.Contains(await host.Recurring.ListAgreementsAsync(Msn, AgreementStatus.Active), a => a.Id == draft.AgreementId);

        await host.Recurring.UpdateAgreementAsync(Msn, draft.AgreementId, new UpdateAgreementRequest { ProductName = "Premium news+" }, Payments.NewKey("update"));
        Assert.Equal("Premium news+", (await host.Recurring.GetAgreementAsync(Msn, draft.AgreementId)).ProductName);

        await host.Recurring.StopAgreementAsync(Msn, draft.AgreementId, Payments.NewKey("stop"));
        Assert.Equal(AgreementStatus.Stopped, (await host.Recurring.GetAgreementAsync(Msn, draft.AgreementId)).Status);
        Assert.Equal("""{"status":"STOPPED"}""", host.Recorder.Requests.Last(r => r.Method == "PATCH").Body);
    }

    [Fact]
    public async Task a_reserved_charge_is_captured_refunded_and_read_back_three_ways()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: LongTokens);
        var agreementId = await ActiveAgreementAsync(host);
        var orderId = "ord-" + Guid.NewGuid().ToString("N")[..12];

        var created = await host.Recurring.CreateChargeAsync(Msn, agreementId, new CreateChargeRequest
        {
            Amount = 2_500,
            TransactionType = TransactionType.ReserveCapture,
            Description = "March",
            Due = await DueInDaysAsync(host, 2),
            RetryDays = 2,
            OrderId = orderId,
        }, Payments.NewKey("charge"));
        Assert.Equal(orderId, created.ChargeId);
        Assert.Contains((await host.Recurring.GetChargeAsync(Msn, agreementId, orderId)).Status, new[] { ChargeStatus.Pending, ChargeStatus.Due });

        await host.Admin.AdvanceClockAsync(TimeSpan.FromDays(3));
        Assert.Equal(ChargeStatus.Reserved, (await host.Recurring.GetChargeAsync(Msn, agreementId, orderId)).Status);

        await host.Recurring.CaptureChargeAsync(Msn, agreementId, orderId, 2_000, "Partly delivered", Payments.NewKey("capture"));
        await host.Recurring.RefundChargeAsync(Msn, agreementId, orderId, 500, "Goodwill", Payments.NewKey("refund"));

        var charge = await host.Recurring.GetChargeAsync(Msn, agreementId, orderId);
        Assert.Equal(2_000, charge.Summary!.Captured);
        Assert.Equal(500, charge.Summary.Refunded);
        Assert.Equal(TransactionType.ReserveCapture, charge.TransactionType);
        Assert.Contains(charge.History, h => h.Event == ChargeEventType.Capture && h.Success);
        Assert.Equal(orderId, (await host.Recurring.GetChargeByIdAsync(Msn, orderId)).Id);
        Assert.Contains(await host.Recurring.ListChargesAsync(Msn, agreementId), c => c.Id == orderId);
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).Captures.GetValueOrDefault($"{Msn.Value}/{agreementId}/{orderId}"));
    }

    [Fact]
    public async Task a_pending_charge_can_be_cancelled()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: LongTokens);
        var agreementId = await ActiveAgreementAsync(host);
        var charge = await host.Recurring.CreateChargeAsync(Msn, agreementId, new CreateChargeRequest
        {
            Amount = 2_500, TransactionType = TransactionType.DirectCapture, Description = "April", Due = await DueInDaysAsync(host, 5), RetryDays = 2,
        }, Payments.NewKey("charge"));

        await host.Recurring.CancelChargeAsync(Msn, agreementId, charge.ChargeId, Payments.NewKey("cancel"));

        Assert.Equal(ChargeStatus.Cancelled, (await host.Recurring.GetChargeAsync(Msn, agreementId, charge.ChargeId)).Status);
        Assert.Contains(await host.Recurring.ListChargesAsync(Msn, agreementId, ChargeStatus.Cancelled), c => c.Id == charge.ChargeId);
    }

    [Fact]
    public async Task a_failed_charge_carries_its_failure_reason()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: LongTokens);
        var agreementId = await ActiveAgreementAsync(host);
        var charge = await host.Recurring.CreateChargeAsync(Msn, agreementId, new CreateChargeRequest
        {
            Amount = 2_500, TransactionType = TransactionType.DirectCapture, Description = "May", Due = await DueInDaysAsync(host, 2), RetryDays = 1,
        }, Payments.NewKey("charge"));
        await host.Admin.SetChargeOutcomeAsync(Msn.Value, charge.ChargeId, "user_action_required");

        await host.Admin.AdvanceClockAsync(TimeSpan.FromDays(5));

        var failed = await host.Recurring.GetChargeAsync(Msn, agreementId, charge.ChargeId);
        Assert.Equal(ChargeStatus.Failed, failed.Status);
        Assert.Equal(ChargeFailureReason.UserActionRequired, failed.FailureReason);
    }

    [Fact]
    public async Task a_charge_create_retried_after_a_lost_answer_creates_one_charge()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: LongTokens);
        var agreementId = await ActiveAgreementAsync(host);
        await host.Admin.AddFaultAsync(new FaultRule { Route = "recurring.charge.create", Kind = FaultKind.LostResponse, Status = 502, Count = 1 });
        var key = Payments.NewKey("charge");

        var charge = await host.Recurring.CreateChargeAsync(Msn, agreementId, new CreateChargeRequest
        {
            Amount = 2_500, TransactionType = TransactionType.DirectCapture, Description = "June", Due = await DueInDaysAsync(host, 3), RetryDays = 2,
        }, key);

        Assert.Single(await host.Recurring.ListChargesAsync(Msn, agreementId, ChargeStatus.Due), c => c.Id == charge.ChargeId);
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).IdempotentReplays);
        Assert.All(host.Recorder.Requests.Where(r => r.Path.EndsWith("/charges", StringComparison.Ordinal) && r.Method == "POST"), r => Assert.Equal(key.Value, r.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task force_accept_works_in_test_and_is_refused_in_production()
    {
        await using (var test = await VippsTestHost.StartAsync(test: true))
        {
            var draft = await test.Recurring.DraftAgreementAsync(Msn, Draft(), Payments.NewKey("draft"));
            await test.Recurring.ForceAcceptAgreementAsync(Msn, draft.AgreementId, "4791234567", Payments.NewKey("accept"));
            Assert.Equal(AgreementStatus.Active, (await test.Recurring.GetAgreementAsync(Msn, draft.AgreementId)).Status);
        }

        await using var production = await VippsTestHost.StartAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => production.Recurring.ForceAcceptAgreementAsync(Msn, "agr_x", "4791234567", Payments.NewKey("accept")));
        Assert.Empty(production.Recorder.Requests);
    }

    [Fact]
    public async Task a_recurring_error_carries_the_context_id()
    {
        await using var host = await VippsTestHost.StartAsync();

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Recurring.GetAgreementAsync(Msn, "agr_does_not_exist"));

        Assert.Equal(404, e.Status);
        Assert.NotNull(e.ContextId);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task partner_recurring_calls_for_an_unlinked_msn_get_403()
    {
        await using var host = await VippsTestHost.StartAsync();

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Recurring.DraftAgreementAsync(VippsTestHost.Unlinked, Draft(), Payments.NewKey("draft")));

        Assert.Equal(403, e.Status);
    }
}
