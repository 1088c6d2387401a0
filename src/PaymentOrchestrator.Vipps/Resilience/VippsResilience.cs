using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Resilience;

/// <summary>
/// The Vipps clients' retries, timeouts and circuit breaker, on Microsoft.Extensions.Http.Resilience: one pipeline per
/// key set and MSN (<see cref="VippsRequestOptions.PipelineKey"/>, chosen with <c>SelectPipelineBy</c>), so a sales unit
/// that keeps failing opens only its own circuit. Outer to inner: total timeout → retry (exponential backoff with
/// jitter, Retry-After honoured up to <see cref="VippsResilienceOptions.MaxRetryAfter"/>) → circuit breaker →
/// per-attempt timeout. Retries resend the same <see cref="HttpRequestMessage"/> (buffered body, same Idempotency-Key).
/// The package's telemetry (Polly metrics and logs, enriched with the request's <c>RequestMetadata</c>) is on, with each
/// attempt's record at Debug (<see cref="SeverityOf"/>).
/// </summary>
internal static class VippsResilience
{
    /// <summary>Name of the resilience handler on both Vipps HttpClients (metrics: <c>pipeline.name</c> = client-vipps).</summary>
    public const string HandlerName = "vipps";

    /// <summary>The name of Polly's event for one attempt of a call through a pipeline with a retry.</summary>
    internal const string ExecutionAttemptEvent = "ExecutionAttempt";

    public static IHttpClientBuilder AddVippsResilience(this IHttpClientBuilder builder)
    {
        builder.Services.AddResilienceEnricher();
        builder.Services.Configure<TelemetryOptions>(static options => options.SeverityProvider = SeverityOf);
        builder.AddResilienceHandler(HandlerName, Configure).SelectPipelineBy(static _ => PipelineKeyOf);
        return builder;
    }

    /// <summary>
    /// Polly's severity of a resilience event, except its record of each attempt (<c>ExecutionAttempt</c>: Warning for a
    /// handled attempt, Error for the last), which is Debug: every retry is logged by us with its reason and delay
    /// (<see cref="VippsLog.Retrying"/>), and a call that fails after its last attempt by the caller, which decides what
    /// happens next (a saga retries it later with the same key). An Error line then means something an on-call engineer
    /// must look at, not a 503 that was handled. The breaker opening, a timeout and the rest keep Polly's severity.
    /// </summary>
    internal static ResilienceEventSeverity SeverityOf(SeverityProviderArguments args) =>
        args.Event.EventName == ExecutionAttemptEvent ? ResilienceEventSeverity.Debug : args.Event.Severity;

    /// <summary>The pipeline a request runs through: its key set and MSN (or token endpoint / partner-wide).</summary>
    internal static string PipelineKeyOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(VippsRequestOptions.PipelineKey, out var key) ? key : "default";

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var settings = services.GetRequiredService<IOptions<VippsClientOptions>>().Value.Resilience;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VippsResilience));
        var pipelineKey = context.InstanceName;
        builder.TimeProvider = timeProvider;

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.TotalTimeout, Name = "total-timeout" });
        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = settings.UseJitter,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldRetryAfterHeader = false, // our DelayGenerator reads Retry-After, with the same clock as the cap check
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context.GetRequestMessage(), settings.MaxRetryAfter, timeProvider),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? VippsPipeline.RetryAfterOf(response, timeProvider) : null),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    var operation = request?.Options.TryGetValue(VippsRequestOptions.Operation, out var op) == true ? op : "?";
                    var fromRetryAfter = args.Outcome.Result is { } r && VippsPipeline.RetryAfterOf(r, timeProvider) is not null;
                    VippsLog.Retrying(logger, operation, pipelineKey, args.AttemptNumber + 1, args.RetryDelay, fromRetryAfter, Describe(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            });
        }

        var breaker = settings.CircuitBreaker;
        if (breaker.Enabled)
        {
            builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "circuit-breaker",
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(CountsAgainstCircuit(args.Outcome)),
            });
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.AttemptTimeout, Name = "attempt-timeout" });
    }

    /// <summary>
    /// Whether an attempt's outcome is retried: 429 always (unless its Retry-After is over the cap: then the caller gets
    /// it); for retryable calls also network errors, attempt timeouts, 5xx/408/423 and ePayment's error codes 6160
    /// ("order processing") and 6280 ("capture failed, try again later"). A call that is not idempotent at Vipps
    /// (<see cref="VippsCall.Retryable"/> false) is retried only on 429: after a broken connection it may have been
    /// applied already.
    /// </summary>
    internal static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeSpan maxRetryAfter, TimeProvider timeProvider)
    {
        var retryable = request is null || !request.Options.TryGetValue(VippsRequestOptions.Retryable, out var flag) || flag;
        if (outcome.Exception is { } exception)
        {
            return retryable && exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result;
        if (response is null || response.IsSuccessStatusCode)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (VippsPipeline.RetryAfterOf(response, timeProvider) is { } wait && wait > maxRetryAfter)
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
            await response.Content.LoadIntoBufferAsync();
            var problem = ProblemParser.Parse(await response.Content.ReadAsStringAsync());
            return VippsApiException.IsTransientErrorCode(problem.ErrorCode);
        }

        return false;
    }

    /// <summary>What the breaker counts as a failure: no answer, 5xx and 408. Never 429 (that is Vipps pacing us) nor 4xx.</summary>
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
        { Result: { } response } => "status " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
        _ => "unknown",
    };
}
