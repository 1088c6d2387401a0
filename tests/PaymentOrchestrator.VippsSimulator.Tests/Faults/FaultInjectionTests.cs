using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Faults;

public sealed class FaultInjectionTests : SimulatorTest
{
    [Fact]
    public async Task an_error_fault_answers_its_status_for_the_next_count_requests_then_stops()
    {
        using var caller = VippsCaller.Partner(Host);
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.create", Kind = FaultKind.Error, Status = 503, Count = 2 });

        using var first = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), Payments.NewKey());
        using var second = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), Payments.NewKey());
        using var third = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), Payments.NewKey());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
    }

    [Fact]
    public async Task injected_faults_are_counted_per_kind_and_latency_is_not()
    {
        using var caller = VippsCaller.Partner(Host);
        await Host.Admin.ResetCountersAsync();
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.create", Kind = FaultKind.Error, Status = 503, Count = 2 });
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.create", Kind = FaultKind.RateLimit, RetryAfterSeconds = 1, Count = 1 });
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.create", Kind = FaultKind.Latency, LatencyMs = 1, Count = 1 });

        for (var i = 0; i < 4; i++)
        {
            using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), Payments.NewKey());
        }

        var faults = (await Host.Admin.GetCountersAsync()).Faults;
        Assert.Equal(2, faults["error 503"]);
        Assert.Equal(1, faults["rate-limit 429"]);
        Assert.Equal(2, faults.Count);
    }

    [Fact]
    public async Task an_error_fault_does_not_execute_the_request()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.Error, Status = 500, Count = 1 });

        using var response = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(1000), Payments.NewKey());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, (await Payments.GetAsync(caller, reference))["aggregate"]!["capturedAmount"]!["value"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_rate_limit_fault_answers_429_with_retry_after()
    {
        using var caller = VippsCaller.Partner(Host);
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.RateLimit, RetryAfterSeconds = 7, Count = 1 });

        using var response = await caller.GetAsync("epayment/v1/payments/some-reference-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task a_lost_response_applies_the_capture_and_a_retry_with_the_same_key_replays_it()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.LostResponse, Count = 1 });
        var key = Payments.NewKey();

        using var lost = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(3000), key);
        using var retry = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(3000), key);

        Assert.Equal(HttpStatusCode.InternalServerError, lost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(3000, (await retry.ReadAsync())["aggregate"]!["capturedAmount"]!["value"]!.GetValue<long>());
        var counters = await Host.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(caller.Msn!, reference));
        Assert.Equal(1, counters.IdempotentReplays);
    }

    [Fact]
    public async Task a_lost_response_with_status_zero_drops_the_connection()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.LostResponse, Status = 0, Count = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(3000), Payments.NewKey()));

        Assert.Equal(3000, (await Payments.GetAsync(caller, reference))["aggregate"]!["capturedAmount"]!["value"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_latency_fault_delays_the_answer()
    {
        using var caller = VippsCaller.Partner(Host);
        await caller.TokenAsync();
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.get", Kind = FaultKind.Latency, LatencyMs = 300, Count = 1 });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        using var response = await caller.GetAsync("epayment/v1/payments/some-reference-1");

        Assert.True(watch.ElapsedMilliseconds >= 280, $"took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task a_wildcard_fault_hits_the_token_endpoint_too()
    {
        using var caller = VippsCaller.Partner(Host);
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "*", Kind = FaultKind.Error, Status = 502, Count = 1 });

        using var response = await caller.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task clearing_faults_restores_normal_answers()
    {
        using var caller = VippsCaller.Partner(Host);
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.create", Kind = FaultKind.Error, Status = 503 });
        await Host.Admin.ClearFaultsAsync();

        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task a_fault_with_rate_zero_never_hits()
    {
        using var caller = VippsCaller.Partner(Host);
        await Host.Admin.AddFaultAsync(new FaultRule { Route = "epayment.create", Kind = FaultKind.Error, Status = 503, Rate = 0 });

        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
