using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Resilience;

/// <summary>
/// The Polly 8 pipelines, one per partition (an MSN, "partner-wide", or a key set's token endpoint) so that one failing
/// sales unit opens only its own circuit. Outer to inner: total timeout → retry (exponential backoff with jitter,
/// Retry-After honoured) → circuit breaker → per-attempt timeout.
/// </summary>
internal sealed class VippsResiliencePipelines(IOptions<VippsClientOptions> options, TimeProvider timeProvider, ILogger<VippsResiliencePipelines> logger)
{
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Vipps.Request");
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline<HttpResponseMessage> For(string partition) => _pipelines.GetOrAdd(partition, Build);

    private ResiliencePipeline<HttpResponseMessage> Build(string partition)
    {
        var settings = options.Value.Resilience;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider, Name = "vipps", InstanceName = partition };
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.TotalTimeout, Name = "total-timeout" });
        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = settings.UseJitter,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context, settings.MaxRetryAfter),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfterOf(response) : null),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    var operation = request?.Options.TryGetValue(VippsRequestOptions.Operation, out var op) == true ? op : "?";
                    var fromRetryAfter = args.Outcome.Result is { } r && RetryAfterOf(r) is not null;
                    VippsLog.Retrying(logger, operation, partition, args.AttemptNumber + 1, args.RetryDelay, fromRetryAfter, Describe(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            });
        }

        var breaker = settings.CircuitBreaker;
        if (breaker.Enabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "circuit-breaker",
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(CountsAgainstCircuit(args.Outcome)),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.AttemptTimeout, Name = "attempt-timeout" });
        return builder.Build();
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) => VippsPipeline.RetryAfterOf(response, timeProvider);

    internal async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter)
    {
        var request = context.Properties.GetValue(RequestKey, null!);
        var retryable = request is null || !request.Options.TryGetValue(VippsRequestOptions.Retryable, out var flag) || flag;
        if (outcome.Exception is { } exception)
        {
            // A request that is not idempotent at Vipps may have been applied before the connection broke.
            return retryable && exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result;
        if (response is null || response.IsSuccessStatusCode)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (RetryAfterOf(response) is { } wait && wait > maxRetryAfter)
        {
            return false;
        }

        if (status == 429)
        {
            return true;
        }

        if (!retryable)
        {
            return false;
        }

        if (VippsApiException.IsTransientStatus(status))
        {
            return true;
        }

        if (status is >= 400 and < 500)
        {
            // ePayment's "order processing" (6160) and "capture failed, try again later" (6280) are worth another try.
            await response.Content.LoadIntoBufferAsync();
            var problem = ProblemParser.Parse(await response.Content.ReadAsStringAsync());
            return VippsApiException.IsTransientErrorCode(problem.ErrorCode);
        }

        return false;
    }

    internal static bool CountsAgainstCircuit(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode is >= 500 or 408,
        _ => false,
    };

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "the attempt timed out",
        { Exception: HttpRequestException e } => "network error: " + e.Message,
        { Exception: { } e } => e.GetType().Name,
        { Result: { } response } => "status " + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "unknown",
    };
}
