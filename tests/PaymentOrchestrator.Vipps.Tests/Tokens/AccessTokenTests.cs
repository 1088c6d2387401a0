using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Tokens;

public class AccessTokenTests
{
    private static readonly MerchantSerialNumber Msn = VippsTestHost.Norway;

    [Fact]
    public async Task one_partner_token_serves_every_call_and_every_msn()
    {
        await using var host = await VippsTestHost.StartAsync();

        foreach (var msn in new[] { VippsTestHost.Norway, VippsTestHost.Denmark, VippsTestHost.Finland, VippsTestHost.Norway })
        {
            await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(msn, Payments.NewReference()));
        }

        Assert.Equal(1, (await host.Admin.GetCountersAsync()).TokenRequests);
    }

    [Fact]
    public async Task in_test_each_merchant_key_set_has_its_own_token()
    {
        await using var host = await VippsTestHost.StartAsync(test: true);

        await host.Epayment.CreatePaymentAsync(VippsTestHost.Norway, Payments.WebRedirect(Payments.NewReference()), Payments.NewKey("create"));
        await host.Epayment.CreatePaymentAsync(VippsTestHost.Norway, Payments.WebRedirect(Payments.NewReference()), Payments.NewKey("create"));
        await host.Epayment.CreatePaymentAsync(VippsTestHost.Denmark, Payments.WebRedirect(Payments.NewReference(), 100, Currency.Dkk), Payments.NewKey("create"));

        Assert.Equal(2, (await host.Admin.GetCountersAsync()).TokenRequests);
    }

    [Fact]
    public async Task a_hundred_concurrent_callers_share_one_token_request()
    {
        await using var host = await VippsTestHost.StartAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(Payments.NewReference()), Payments.NewKey("create"));
        })).ToList();
        start.SetResult();
        await Task.WhenAll(calls);

        var counters = await host.Admin.GetCountersAsync();
        Assert.Equal(1, counters.TokenRequests);
        Assert.Equal(100, counters.CallsTo("epayment.create"));
    }

    [Fact]
    public async Task a_token_is_replaced_before_it_expires_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: new SimulatorOptions { TimeProvider = clock, TokenLifetime = TimeSpan.FromHours(1) }, clientTime: clock);
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));

        clock.Advance(TimeSpan.FromMinutes(54));
        await host.Epayment.GetPaymentAsync(Msn, reference);
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).TokenRequests);

        clock.Advance(TimeSpan.FromMinutes(2)); // 56 minutes: inside the 5-minute refresh margin, still valid at Vipps
        await host.Epayment.GetPaymentAsync(Msn, reference);

        var counters = await host.Admin.GetCountersAsync();
        Assert.Equal(2, counters.TokenRequests);
        Assert.Equal(2, counters.CallsTo("epayment.get")); // no 401 round trip was needed
    }

    [Fact]
    public async Task a_token_vipps_rejects_is_refreshed_once_and_the_call_succeeds()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: new SimulatorOptions { TokenLifetime = TimeSpan.FromHours(1) });
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));

        await host.Admin.AdvanceClockAsync(TimeSpan.FromHours(2)); // expired at Vipps; our clock still thinks it is fine
        var payment = await host.Epayment.GetPaymentAsync(Msn, reference);

        Assert.Equal(reference, payment.Reference);
        Assert.Equal(2, (await host.Admin.GetCountersAsync()).TokenRequests);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 4103);
    }

    [Fact]
    public async Task a_second_401_after_the_refresh_fails_clearly()
    {
        await using var host = await VippsTestHost.StartAsync();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Error, Status = 401, Count = 2 });

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Msn, Payments.NewReference()));

        Assert.Equal(401, e.Status);
        Assert.False(e.IsTransient);
        Assert.Contains("freshly fetched access token", e.Message, StringComparison.Ordinal);
        var counters = await host.Admin.GetCountersAsync();
        Assert.Equal(2, counters.TokenRequests);
        Assert.Equal(2, counters.CallsTo("epayment.get"));
    }

    [Fact]
    public async Task the_secondary_subscription_key_takes_over_when_the_primary_is_rejected()
    {
        await using var host = await VippsTestHost.StartAsync(configure: s => s["Vipps:KeySets:partner:SubscriptionKey"] = "regenerated-in-the-portal");

        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(Payments.NewReference()), Payments.NewKey("create"));
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(Payments.NewReference()), Payments.NewKey("create"));

        Assert.Equal(2, (await host.Admin.GetCountersAsync()).TokenRequests); // the rejected one and the good one
        Assert.All(host.Recorder.Requests.Where(r => r.Path.StartsWith("/epayment", StringComparison.Ordinal)),
            r => Assert.Equal(SimulatorDefaults.PartnerSecondarySubscriptionKey, r.Header("Ocp-Apim-Subscription-Key")));
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 4112);
    }

    [Fact]
    public async Task wrong_client_credentials_fail_with_the_key_set_named_and_no_secret_shown()
    {
        await using var host = await VippsTestHost.StartAsync(configure: s => s["Vipps:KeySets:partner:ClientSecret"] = "wrong-secret-value");

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Msn, Payments.NewReference()));

        Assert.Equal("token", e.Operation);
        Assert.Equal(401, e.Status);
        Assert.Contains("key set 'partner'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", e.ToString(), StringComparison.Ordinal);
    }
}
