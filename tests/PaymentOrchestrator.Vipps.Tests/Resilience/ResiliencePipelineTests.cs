using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.Vipps.Webhooks;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Resilience;

/// <summary>
/// The resilience handler (Microsoft.Extensions.Http.Resilience) over real HTTP against the simulator: one pipeline per
/// key set and MSN, what the breaker counts, the Vipps error codes that are retried, Retry-After beyond the cap.
/// </summary>
public class ResiliencePipelineTests
{
    private static readonly MerchantSerialNumber Norway = VippsTestHost.Norway;
    private static readonly MerchantSerialNumber Denmark = VippsTestHost.Denmark;

    private static void QuickBreaker(Dictionary<string, string?> s)
    {
        s["Vipps:Resilience:CircuitBreaker:MinimumThroughput"] = "2";
        s["Vipps:Resilience:CircuitBreaker:FailureRatio"] = "0.5";
        s["Vipps:Resilience:CircuitBreaker:BreakDuration"] = "00:01:00";
    }

    private static async Task<string> AuthorizedPaymentAsync(VippsTestHost host, MerchantSerialNumber msn, long value = 10_000)
    {
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(msn, Payments.WebRedirect(reference, value), Payments.NewKey("create"));
        await host.Admin.ApprovePaymentAsync(msn.Value, reference);
        return reference;
    }

    private static bool IsPollyEvent(LogEntry entry, string eventName, string pipelineInstance) =>
        entry.Category == "Polly"
        && Equals(entry.Values.GetValueOrDefault("EventName"), eventName)
        && Equals(entry.Values.GetValueOrDefault("PipelineInstance"), pipelineInstance);

    [Fact]
    public async Task one_sales_units_open_circuit_does_not_stop_calls_for_another()
    {
        await using var host = await VippsTestHost.StartAsync(configure: s =>
        {
            QuickBreaker(s);
            s["Vipps:Resilience:MaxRetryAttempts"] = "0";
        });
        var denmarkPayment = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Denmark, Payments.WebRedirect(denmarkPayment, 100, Currency.Dkk), Payments.NewKey("create"));
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Error, Status = 503, Msn = Norway.Value });

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(503, (await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Norway, Payments.NewReference()))).Status);
        }

        var open = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Norway, Payments.NewReference()));
        Assert.Contains("circuit breaker is open", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await host.Admin.GetCountersAsync()).CallsTo("epayment.get"));

        // Same partner key set, other MSN: its own pipeline, closed circuit, real answers.
        var payment = await host.Epayment.GetPaymentAsync(Denmark, denmarkPayment);
        Assert.Equal(denmarkPayment, payment.Reference);
        Assert.Equal(404, (await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Denmark, Payments.NewReference()))).Status);
        Assert.Equal(4, (await host.Admin.GetCountersAsync()).CallsTo("epayment.get"));

        // Norway stays open; the package's telemetry names the pipeline (key set/MSN) whose circuit opened.
        Assert.Contains("circuit breaker is open", (await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Norway, Payments.NewReference()))).Message, StringComparison.Ordinal);
        Assert.Single(host.Logs.Entries, e => IsPollyEvent(e, "OnCircuitOpened", "partner/" + Norway.Value));
        Assert.DoesNotContain(host.Logs.Entries, e => IsPollyEvent(e, "OnCircuitOpened", "partner/" + Denmark.Value));
    }

    [Fact]
    public async Task in_test_mode_each_msns_own_key_set_has_its_own_pipeline()
    {
        await using var host = await VippsTestHost.StartAsync(test: true, configure: s =>
        {
            QuickBreaker(s);
            s["Vipps:Resilience:MaxRetryAttempts"] = "0";
        });
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Error, Status = 502, Msn = Norway.Value });

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Norway, Payments.NewReference()));
        }

        Assert.Equal(404, (await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Denmark, Payments.NewReference()))).Status);
        Assert.Single(host.Logs.Entries, e => IsPollyEvent(e, "OnCircuitOpened", $"merchant-{Norway.Value}/{Norway.Value}"));
    }

    [Fact]
    public async Task rate_limited_attempts_are_retried_and_never_open_the_circuit()
    {
        await using var host = await VippsTestHost.StartAsync(configure: QuickBreaker);
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Norway, Payments.WebRedirect(reference), Payments.NewKey("create"));
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.RateLimit, RetryAfterSeconds = 0, Count = 3 });

        // Three 429s in a row would open a breaker that counted them (2 attempts, ratio 1.0): the 4th attempt gets through.
        var payment = await host.Epayment.GetPaymentAsync(Norway, reference);

        Assert.Equal(reference, payment.Reference);
        Assert.Equal(4, (await host.Admin.GetCountersAsync()).CallsTo("epayment.get"));
        Assert.Equal(3, host.Logs.Entries.Count(e => e.EventId.Id == 4120));
        Assert.DoesNotContain(host.Logs.Entries, e => IsPollyEvent(e, "OnCircuitOpened", "partner/" + Norway.Value));
    }

    [Fact]
    public async Task the_same_number_of_503s_opens_the_circuit()
    {
        // The counterpart of the 429 test above, so that it cannot pass with a breaker that never opens.
        await using var host = await VippsTestHost.StartAsync(configure: QuickBreaker);
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Error, Status = 503, Count = 3 });

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Norway, Payments.NewReference()));

        Assert.Null(e.Status);
        Assert.Contains("circuit breaker is open", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await host.Admin.GetCountersAsync()).CallsTo("epayment.get"));
    }

    [Fact]
    public async Task a_call_that_fails_on_every_attempt_logs_its_retries_as_warnings_and_no_error_line()
    {
        // Polly records each attempt itself, the last handled one at Error: a 503 that the saga will retry with the same
        // key looked like an incident at 3 a.m. Our own warnings say each retry and why; the attempts are Debug.
        await using var host = await VippsTestHost.StartAsync();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Error, Status = 503, Count = 100 });

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Norway, Payments.NewReference()));

        Assert.Equal(503, e.Status);
        var calls = (await host.Admin.GetCountersAsync()).CallsTo("epayment.get");
        Assert.True(calls > 1, $"the call was retried ({calls} attempts)");
        Assert.Equal(calls - 1, host.Logs.Entries.Count(l => l.EventId.Id == 4120 && l.Level == LogLevel.Warning));
        var attempts = host.Logs.Entries.Where(l => l.Category == "Polly" && l.Message.StartsWith("Execution attempt.", StringComparison.Ordinal)
            && Equals(l.Values.GetValueOrDefault("PipelineInstance"), "partner/" + Norway.Value)).ToList();
        Assert.Equal(calls, attempts.Count);
        Assert.All(attempts, l => Assert.Equal(LogLevel.Debug, l.Level));
        Assert.DoesNotContain(host.Logs.Entries, l => l.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("6160")] // order processing
    [InlineData("6280")] // capture failed, try again later
    public async Task a_capture_answered_with_a_transient_vipps_error_code_is_retried_with_the_same_key(string code)
    {
        await using var host = await VippsTestHost.StartAsync();
        var reference = await AuthorizedPaymentAsync(host, Norway);
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.Error, Status = 400, ErrorCode = code, Count = 2 });
        var key = Payments.NewKey("capture");

        var result = await host.Epayment.CapturePaymentAsync(Norway, reference, new Amount(Currency.Nok, 2_500), key);

        Assert.Equal(2_500, result.Aggregate.CapturedAmount!.Value);
        var attempts = host.Recorder.Requests.Where(r => r.Path == $"/epayment/v1/payments/{reference}/capture").ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(key.Value, a.Header("Idempotency-Key")));
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).CapturesOf(Norway.Value, reference));
        Assert.Equal(2, host.Logs.Entries.Count(e => e.EventId.Id == 4120 && e.Message.Contains("status 400", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task another_error_code_on_a_400_is_returned_at_once()
    {
        await using var host = await VippsTestHost.StartAsync();
        var reference = await AuthorizedPaymentAsync(host, Norway);
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.Error, Status = 400, ErrorCode = "6080", Count = 1 });

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.CapturePaymentAsync(Norway, reference, new Amount(Currency.Nok, 100), Payments.NewKey("capture")));

        Assert.Equal(400, e.Status);
        Assert.Equal("6080", e.ErrorCode);
        Assert.False(e.IsTransient);
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).CallsTo("epayment.capture"));
    }

    [Fact]
    public async Task a_capture_asked_to_wait_longer_than_the_cap_is_returned_to_the_caller_who_can_retry_it_later()
    {
        await using var host = await VippsTestHost.StartAsync(); // MaxRetryAfter 5 s
        var reference = await AuthorizedPaymentAsync(host, Norway);
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.RateLimit, RetryAfterSeconds = 6, Count = 1 });
        var key = Payments.NewKey("capture");

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.CapturePaymentAsync(Norway, reference, new Amount(Currency.Nok, 10_000), key));

        Assert.Equal(429, e.Status);
        Assert.True(e.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(6), e.RetryAfter);
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).CallsTo("epayment.capture"));
        Assert.DoesNotContain(host.Logs.Entries, l => l.EventId.Id == 4120);

        // The caller (the saga) tries again later with the same key: captured once.
        await host.Epayment.CapturePaymentAsync(Norway, reference, new Amount(Currency.Nok, 10_000), key);
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).CapturesOf(Norway.Value, reference));
    }

    [Fact]
    public async Task a_retry_after_within_the_cap_on_a_503_is_waited_out()
    {
        await using var host = await VippsTestHost.StartAsync();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.events", Kind = FaultKind.RateLimit, RetryAfterSeconds = 5, Count = 1 });
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Norway, Payments.WebRedirect(reference), Payments.NewKey("create"));

        var events = await host.Epayment.GetPaymentEventsAsync(Norway, reference);

        Assert.Single(events);
        var retry = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 4120);
        Assert.Equal(TimeSpan.FromSeconds(5), retry.Values["RetryDelay"]); // exactly at the cap: still waited out
    }

    [Fact]
    public async Task a_call_that_is_not_idempotent_is_not_resent_after_a_broken_connection()
    {
        await using var host = await VippsTestHost.StartAsync();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "webhooks.register", Kind = FaultKind.LostResponse, Status = 0, Count = 1 });

        var e = await Assert.ThrowsAsync<VippsApiException>(() =>
            host.Webhooks.RegisterWebhookAsync(Norway, new RegisterWebhookRequest { Url = new Uri("https://example.com/lost"), Events = [WebhookEventNames.PaymentCreated] }));

        Assert.Null(e.Status);
        Assert.True(e.IsTransient);
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).CallsTo("webhooks.register"));
    }

    [Fact]
    public async Task resilience_metrics_carry_the_pipeline_and_the_vipps_operation()
    {
        // Norway's own merchant keys under a key set name no other test uses, so the pipeline (key set/MSN) is this test's.
        await using var host = await VippsTestHost.StartAsync(configure: s =>
        {
            VippsTestHost.AddKeySet(s, "metrics-probe", "Merchant", "Production", SimulatorDefaults.MerchantClientId(Norway.Value), SimulatorDefaults.MerchantClientSecret(Norway.Value), SimulatorDefaults.MerchantSubscriptionKey(Norway.Value), null);
            s["Vipps:MerchantKeySets:" + Norway.Value] = "metrics-probe";
        });
        var events = new ConcurrentQueue<IReadOnlyDictionary<string, object?>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Polly's meter is static: other tests' events arrive too; this test's are told apart by the pipeline.
                if (instrument.Meter.Name == "Polly")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, _, tags, _) =>
            events.Enqueue(tags.ToArray().ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)));
        listener.Start();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Error, Status = 503, Count = 1 });

        await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(Norway, Payments.NewReference())); // 503, retried, then 404

        var retry = Assert.Single(events, t =>
            Equals(t.GetValueOrDefault("pipeline.instance"), "metrics-probe/" + Norway.Value) && Equals(t.GetValueOrDefault("event.name"), "OnRetry"));
        Assert.Equal(VippsServiceCollectionExtensions.HttpClientName + "-vipps", retry["pipeline.name"]);
        Assert.Equal("epayment.get", retry["request.name"]);
        Assert.Equal("vipps", retry["request.dependency.name"]);
        Assert.Equal("503", retry["error.type"]);
    }
}
