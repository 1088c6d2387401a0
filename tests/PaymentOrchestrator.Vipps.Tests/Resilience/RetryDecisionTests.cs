using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Timeout;
using PaymentOrchestrator.Vipps.Http;
using PaymentOrchestrator.Vipps.Resilience;

namespace PaymentOrchestrator.Vipps.Tests.Resilience;

public class RetryDecisionTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero));
    // The predicate the resilience handler's retry strategy uses (the pipeline itself is exercised over HTTP in RetryTests).
    private static async Task<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, bool retryable = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.vipps.no/epayment/v1/payments/x/capture");
        VippsRequestOptions.Tag(request, "epayment.capture", VippsRequestOptions.PipelineKeyOf("partner", "123456"), retryable);
        return await VippsResilience.ShouldRetryAsync(outcome, request, TimeSpan.FromSeconds(30), Clock);
    }

    private static HttpResponseMessage Response(int status, string? body = null, TimeSpan? retryAfter = null, DateTimeOffset? retryAt = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8, "application/problem+json");
        }

        if (retryAfter is { } delta)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delta);
        }

        if (retryAt is { } date)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(date);
        }

        return response;
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(423, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    public async Task statuses_are_retried_when_transient(int status, bool expected)
    {
        using var response = Response(status);
        Assert.Equal(expected, await ShouldRetryAsync(Outcome.FromResult(response)));
    }

    [Theory]
    [InlineData("6160", true)]
    [InlineData("6280", true)]
    [InlineData("6080", false)]
    public async Task order_processing_and_capture_failed_problems_are_retried(string code, bool expected)
    {
        using var response = Response(400, $$"""{"type":"t","title":"x","status":400,"traceId":"t","extraDetails":[{"name":"ErrorCode","reason":"{{code}}"}]}""");

        Assert.Equal(expected, await ShouldRetryAsync(Outcome.FromResult(response)));
        Assert.Contains(code, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // still readable afterwards
    }

    [Fact]
    public async Task network_errors_and_attempt_timeouts_are_retried_for_idempotent_calls_only()
    {
        Assert.True(await ShouldRetryAsync(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
        Assert.True(await ShouldRetryAsync(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(await ShouldRetryAsync(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), retryable: false));
    }

    [Fact]
    public async Task a_call_that_is_not_idempotent_is_retried_only_on_429()
    {
        using var tooMany = Response(429);
        using var unavailable = Response(503);

        Assert.True(await ShouldRetryAsync(Outcome.FromResult(tooMany), retryable: false));
        Assert.False(await ShouldRetryAsync(Outcome.FromResult(unavailable), retryable: false));
    }

    [Fact]
    public async Task a_retry_after_beyond_the_limit_is_not_waited_out()
    {
        using var delta = Response(429, retryAfter: TimeSpan.FromMinutes(5));
        using var date = Response(503, retryAt: Clock.GetUtcNow().AddMinutes(5));
        using var soon = Response(503, retryAt: Clock.GetUtcNow().AddSeconds(5));

        Assert.False(await ShouldRetryAsync(Outcome.FromResult(delta)));
        Assert.False(await ShouldRetryAsync(Outcome.FromResult(date)));
        Assert.True(await ShouldRetryAsync(Outcome.FromResult(soon)));
    }

    [Fact]
    public void retry_after_reads_seconds_and_http_dates()
    {
        using var delta = Response(429, retryAfter: TimeSpan.FromSeconds(7));
        using var date = Response(503, retryAt: Clock.GetUtcNow().AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(7), VippsPipeline.RetryAfterOf(delta, Clock));
        Assert.Equal(TimeSpan.FromSeconds(30), VippsPipeline.RetryAfterOf(date, Clock));
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(500, true)]
    [InlineData(408, true)]
    [InlineData(429, false)] // Vipps pacing us is not a failing sales unit
    [InlineData(400, false)]
    [InlineData(423, false)]
    public void only_no_answer_5xx_and_408_count_against_the_circuit(int status, bool expected)
    {
        using var response = Response(status);
        Assert.Equal(expected, VippsResilience.CountsAgainstCircuit(Outcome.FromResult(response)));
    }

    [Fact]
    public void network_errors_and_attempt_timeouts_count_against_the_circuit()
    {
        Assert.True(VippsResilience.CountsAgainstCircuit(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
        Assert.True(VippsResilience.CountsAgainstCircuit(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
    }
}
