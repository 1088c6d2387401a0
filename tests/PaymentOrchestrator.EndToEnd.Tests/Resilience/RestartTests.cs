using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.EndToEnd.Tests.Resilience;

public sealed class RestartTests
{
    private const string Msn = TestHost.Msn;

    [Fact]
    public async Task a_restart_in_the_middle_of_sagas_resumes_them_and_captures_exactly_once()
    {
        // One Vipps (the simulator) and one storage outlive both hosts, as they would in production.
        await using var vipps = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
        var settings = new Dictionary<string, string?>
        {
            ["Local:Simulator:Enabled"] = "false",
            ["Local:Webhooks:Register"] = "false",
            // A failed capture is retried after 5 s: long enough to stop the host in between.
            ["Sagas:Epayment:Retry:BaseDelay"] = "00:00:05",
        };
        foreach (var (key, value) in SimulatorVippsSettings.For(vipps.BaseAddress))
        {
            settings[key] = value;
        }

        var captured = TestHost.NewReference("captured");
        var waiting = TestHost.NewReference("waiting");
        string suffix;

        await using (var first = await TestHost.StartAsync(settings))
        {
            suffix = first.Suffix;
            await first.SendAsync(first.PaymentRequests, first.Webshop.PaymentRequested(Msn, captured, 30_000, "NOK"));
            await first.SendAsync(first.PaymentRequests, first.Webshop.PaymentRequested(Msn, waiting, 12_000, "NOK"));
            await first.EventuallyAsync(TestHost.PaymentKey(captured), v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
            await first.EventuallyAsync(TestHost.PaymentKey(waiting), v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
            await vipps.Admin.ApprovePaymentAsync(Msn, captured);
            await first.EventuallyAsync(TestHost.PaymentKey(captured), v => v.Summary.Status == "Authorized", "Authorized");

            // Vipps performs the capture but every answer is lost: the host cannot know it happened.
            await vipps.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.LostResponse, Status = 500, Count = 1000 });
            await first.SendAsync(first.PaymentRequests, first.Webshop.PaymentCaptureRequested(Msn, captured, "ship-1", 30_000, "NOK"));
            await TestHost.EventuallyAsync(async () => (await vipps.Admin.GetCountersAsync()).CapturesOf(Msn, captured) == 1 ? "captured at Vipps" : null, "the capture reached Vipps");
            await first.Host.StopAsync();
        }

        // While the host is down: Vipps recovers and the other customer approves.
        await vipps.Admin.ClearFaultsAsync();
        await vipps.Admin.ApprovePaymentAsync(Msn, waiting);

        await using var second = await TestHost.StartAsync(settings, suffix);
        await second.EventuallyAsync(TestHost.PaymentKey(captured), v => v.Summary.CapturedMinorUnits == 30_000, "captured after the restart");
        await second.EventuallyAsync(TestHost.PaymentKey(waiting), v => v.Summary.Status == "Authorized", "Authorized after the restart");

        var counters = await vipps.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(Msn, captured));
        Assert.True(counters.IdempotentReplays > 0, "the retried capture reused its idempotency key");
        Assert.Equal(0, counters.CapturesOf(Msn, waiting));
    }
}
