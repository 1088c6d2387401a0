using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Resilience;

public class RetryTests
{
    private static readonly MerchantSerialNumber Msn = VippsTestHost.Norway;

    private static async Task<string> AuthorizedPaymentAsync(VippsTestHost host, long value = 10_000)
    {
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference, value), Payments.NewKey("create"));
        await host.Admin.ApprovePaymentAsync(Msn.Value, reference);
        return reference;
    }

    private static List<RecordedRequest> Captures(VippsTestHost host, string reference) =>
        host.Recorder.Requests.Where(r => r.Path == $"/epayment/v1/payments/{reference}/capture").ToList();

    [Fact]
    public async Task a_capture_that_meets_two_503s_is_retried_with_the_same_key_and_captured_once()
    {
        await using var host = await VippsTestHost.StartAsync();
        var reference = await AuthorizedPaymentAsync(host);
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.Error, Status = 503, Count = 2 });
        var key = Payments.NewKey("capture");

        var result = await host.Epayment.CapturePaymentAsync(Msn, reference, new Amount(Currency.Nok, 4_000), key);

        Assert.Equal(4_000, result.Aggregate.CapturedAmount!.Value);
        var attempts = Captures(host, reference);
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(key.Value, a.Header("Idempotency-Key")));
        Assert.Single(attempts.Select(a => a.Body).Distinct());
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).CapturesOf(Msn.Value, reference));
    }

    [Theory]
    [InlineData(500)] // applied, then a 500 instead of the answer
    [InlineData(0)]   // applied, then the connection is dropped
    public async Task a_capture_whose_answer_was_lost_is_replayed_not_repeated(int lostWith)
    {
        await using var host = await VippsTestHost.StartAsync();
        var reference = await AuthorizedPaymentAsync(host);
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.LostResponse, Status = lostWith, Count = 1 });
        var key = Payments.NewKey("capture");

        var result = await host.Epayment.CapturePaymentAsync(Msn, reference, new Amount(Currency.Nok, 10_000), key);

        Assert.Equal(10_000, result.Aggregate.CapturedAmount!.Value);
        Assert.Equal(2, Captures(host, reference).Count);
        Assert.All(Captures(host, reference), a => Assert.Equal(key.Value, a.Header("Idempotency-Key")));
        var counters = await host.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(Msn.Value, reference));
        Assert.Equal(1, counters.IdempotentReplays);
    }

    [Fact]
    public async Task retry_after_from_a_gateway_429_is_honoured()
    {
        await using var host = await VippsTestHost.StartAsync();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.events", Kind = FaultKind.RateLimit, RetryAfterSeconds = 1, Count = 1 });
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));

        var events = await host.Epayment.GetPaymentEventsAsync(Msn, reference);

        Assert.Single(events);
        var retry = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 4120);
        Assert.Equal(TimeSpan.FromSeconds(1), retry.Values["RetryDelay"]); // not the configured 10 ms backoff
        Assert.Equal(true, retry.Values["FromRetryAfter"]);
        Assert.Equal(2, (await host.Admin.GetCountersAsync()).CallsTo("epayment.events"));
    }

    [Fact]
    public async Task a_retry_after_longer_than_allowed_is_returned_to_the_caller_as_transient()
    {
        await using var host = await VippsTestHost.StartAsync();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.RateLimit, RetryAfterSeconds = 120, Count = 1 });

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Msn, Payments.NewReference()));

        Assert.Equal(429, e.Status);
        Assert.True(e.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(120), e.RetryAfter);
        Assert.False(e.IsProblemResponse); // APIM's {statusCode, message}
        Assert.Contains("Rate limit is exceeded", e.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).CallsTo("epayment.get"));
    }

    [Fact]
    public async Task exhausted_retries_end_in_a_transient_exception()
    {
        await using var host = await VippsTestHost.StartAsync();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Error, Status = 502 });

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Msn, Payments.NewReference()));

        Assert.Equal(502, e.Status);
        Assert.True(e.IsTransient);
        Assert.Equal(4, (await host.Admin.GetCountersAsync()).CallsTo("epayment.get")); // 1 + 3 retries
    }

    [Fact]
    public async Task permanent_errors_are_not_retried()
    {
        await using var host = await VippsTestHost.StartAsync();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Error, Status = 400 });

        await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Msn, Payments.NewReference()));

        Assert.Equal(1, (await host.Admin.GetCountersAsync()).CallsTo("epayment.get"));
    }

    [Fact]
    public async Task an_attempt_that_times_out_is_retried()
    {
        // 1 s, well under the 3 s fault: the first calls of a fresh host (token, connection) took longer than 0.3 s on a
        // busy machine and timed out before the fault was even set.
        await using var host = await VippsTestHost.StartAsync(configure: s => s["Vipps:Resilience:AttemptTimeout"] = "00:00:01");
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Latency, LatencyMs = 3_000, Count = 1 });

        var payment = await host.Epayment.GetPaymentAsync(Msn, reference);

        Assert.Equal(reference, payment.Reference);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 4120 && e.Message.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_circuit_opens_per_msn_after_repeated_failures()
    {
        await using var host = await VippsTestHost.StartAsync(configure: s =>
        {
            s["Vipps:Resilience:MaxRetryAttempts"] = "0";
            s["Vipps:Resilience:CircuitBreaker:MinimumThroughput"] = "2";
            s["Vipps:Resilience:CircuitBreaker:FailureRatio"] = "0.5";
            s["Vipps:Resilience:CircuitBreaker:BreakDuration"] = "00:01:00";
        });
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Error, Status = 503 });

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(503, (await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Msn, Payments.NewReference()))).Status);
        }

        var open = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Msn, Payments.NewReference()));
        Assert.Null(open.Status);
        Assert.True(open.IsTransient);
        Assert.Contains("circuit breaker is open", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await host.Admin.GetCountersAsync()).CallsTo("epayment.get"));

        // Another sales unit has its own circuit.
        await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(VippsTestHost.Denmark, Payments.NewReference()));
        Assert.Equal(3, (await host.Admin.GetCountersAsync()).CallsTo("epayment.get"));
    }

    [Fact]
    public async Task a_token_request_is_retried_on_5xx()
    {
        await using var host = await VippsTestHost.StartAsync();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "token", Kind = FaultKind.Error, Status = 500, Count = 1 });

        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(Payments.NewReference()), Payments.NewKey("create"));

        // TokenRequests counts only requests that reached the token endpoint; the injected 500 shows in Calls["token"].
        Assert.Equal(2, (await host.Admin.GetCountersAsync()).CallsTo("token"));
        Assert.Equal(2, host.Recorder.Requests.Count(r => r.Path == "/accesstoken/get"));
    }
}
