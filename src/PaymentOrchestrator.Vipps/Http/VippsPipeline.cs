using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Tokens;

namespace PaymentOrchestrator.Vipps.Http;

/// <summary>
/// What every Vipps call goes through: key-set choice and capability check (before any request), the access token,
/// the standard headers, one token refresh on 401, the secondary subscription key when the primary is rejected, and
/// the mapping of failures to <see cref="VippsApiException"/>. Retries, timeouts and the circuit breaker sit below,
/// in the HttpClient's resilience handler (<see cref="Resilience.VippsResilience"/>), and resend the very same request.
/// </summary>
internal sealed class VippsPipeline(
    IHttpClientFactory httpClientFactory,
    VippsCredentialResolver resolver,
    VippsAccessTokenCache tokens,
    SubscriptionKeySelector subscriptionKeys,
    IOptions<VippsClientOptions> options,
    TimeProvider timeProvider,
    ILogger<VippsPipeline> logger)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    public VippsEnvironment Environment => resolver.Environment;

    public async Task<T> SendAsync<T>(VippsCall call, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(call, cancellationToken);
        return await ReadAsync<T>(response, call, cancellationToken);
    }

    public async Task SendAsync(VippsCall call, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(call, cancellationToken);
    }

    /// <summary>
    /// For calls with <see cref="VippsCall.AnsweredStatuses"/>: a success with its body, or one of those statuses with
    /// its parsed problem (never an exception for them).
    /// </summary>
    public async Task<VippsAnswer<T>> SendForAnswerAsync<T>(VippsCall call, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendCoreAsync(call, cancellationToken);
        return response.IsSuccessStatusCode
            ? new VippsAnswer<T>((int)response.StatusCode, await ReadAsync<T>(response, call, cancellationToken), null)
            : new VippsAnswer<T>((int)response.StatusCode, null, Redact(ProblemParser.Parse(await response.Content.ReadAsStringAsync(cancellationToken)), call.PersonalValues));
    }

    public async Task<(T Value, string? ContinuationToken)> SendPageAsync<T>(VippsCall call, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(call, cancellationToken);
        var next = response.Headers.TryGetValues(VippsHeaders.ContinuationToken, out var values) ? values.FirstOrDefault() : null;
        return (await ReadAsync<T>(response, call, cancellationToken), string.IsNullOrWhiteSpace(next) ? null : next);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(VippsCall call, CancellationToken cancellationToken)
    {
        if (call.Method != HttpMethod.Get && call.RequiresIdempotencyKey && call.IdempotencyKey is null)
        {
            throw new ArgumentException($"Vipps {call.Operation} needs an idempotency key from the caller.", nameof(call));
        }

        var msn = call.Msn?.Value;
        // Log lines name a partner-wide call and a call about no one resource (a list) as such, not "(null)".
        var loggedMsn = msn ?? "(partner-wide)";
        var resource = call.ResourceId ?? string.Empty;
        var keySet = resolver.Resolve(call.Msn, call.Kind);
        var settings = options.Value;
        var body = call.Body is null ? null : JsonSerializer.SerializeToUtf8Bytes(call.Body, call.Body.GetType(), VippsJson.Options);
        // HttpClient's own logging writes the URL; a URL with personal data in it goes through a client without it.
        var client = httpClientFactory.CreateClient(call.PersonalValues is { Count: > 0 }
            ? VippsServiceCollectionExtensions.PersonalDataHttpClientName
            : VippsServiceCollectionExtensions.HttpClientName);
        var tokenRefreshed = false;
        var keySwitched = false;
        VippsLog.Sending(logger, call.Operation, loggedMsn, resource);
        var started = Stopwatch.GetTimestamp();
        using var activity = VippsTelemetry.StartCall(call);
        var attempts = 0;
        while (true)
        {
            attempts++;
            var token = await tokens.GetAsync(keySet, cancellationToken);
            var subscriptionKey = subscriptionKeys.Current(keySet);
            using var request = BuildRequest(call, settings, body, token, subscriptionKey, keySet.Name);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (NoAnswerReason(e) is { } reason)
            {
                VippsLog.NoAnswer(logger, call.Operation, loggedMsn, reason);
                VippsTelemetry.Finish(activity, call, started, null, "no_answer", attempts);
                throw new VippsApiException(call.Operation, msn, reason, e);
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                VippsLog.Succeeded(logger, call.Operation, loggedMsn, resource, status, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                VippsTelemetry.Finish(activity, call, started, status, "success", attempts);
                return response;
            }

            if (call.AnsweredStatuses?.Contains(status) == true)
            {
                VippsLog.Answered(logger, call.Operation, loggedMsn, resource, status);
                VippsTelemetry.Finish(activity, call, started, status, "answered", attempts);
                return response;
            }

            using (response)
            {
                var problem = Redact(Scrub(ProblemParser.Parse(await response.Content.ReadAsStringAsync(cancellationToken)), keySet, token), call.PersonalValues);
                if (status == 401)
                {
                    if (IsInvalidSubscriptionKey(problem))
                    {
                        if (!keySwitched && subscriptionKeys.TrySwitchAfterRejection(keySet, subscriptionKey))
                        {
                            keySwitched = true;
                            continue;
                        }
                    }
                    else if (!tokenRefreshed)
                    {
                        VippsLog.TokenRejected(logger, call.Operation, loggedMsn, keySet.Name);
                        tokens.Invalidate(keySet, token);
                        tokenRefreshed = true;
                        continue;
                    }
                }

                var exception = new VippsApiException(call.Operation, msn, status, problem, RetryAfterOf(response, timeProvider), Hint(status, problem, keySet, call, tokenRefreshed));
                VippsLog.Failed(logger, call.Operation, loggedMsn, resource, status, exception.ErrorCode, exception.TraceId, exception.ContextId, exception.IsTransient);
                VippsTelemetry.Finish(activity, call, started, status, "failed", attempts);
                throw exception;
            }
        }
    }

    private static HttpRequestMessage BuildRequest(VippsCall call, VippsClientOptions settings, byte[]? body, VippsAccessToken token, Secret subscriptionKey, string keySet)
    {
        var request = new HttpRequestMessage(call.Method, new Uri(settings.EffectiveBaseAddress, call.Path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value.Reveal());
        request.Headers.TryAddWithoutValidation(VippsHeaders.SubscriptionKey, subscriptionKey.Reveal());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (call.Msn is { } msn && call.SendsMerchantSerialNumber)
        {
            request.Headers.TryAddWithoutValidation(VippsHeaders.MerchantSerialNumber, msn.Value);
        }

        if (call.IdempotencyKey is { } key)
        {
            request.Headers.TryAddWithoutValidation(VippsHeaders.IdempotencyKey, key.Value);
        }

        if (call.ContinuationToken is { } continuation)
        {
            request.Headers.TryAddWithoutValidation(VippsHeaders.ContinuationToken, continuation);
        }

        VippsRequestOptions.AddSystemHeaders(request, settings.System);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonContentType;
        }

        VippsRequestOptions.Tag(request, call.Operation, VippsRequestOptions.PipelineKeyOf(keySet, call.Msn?.Value), call.Retryable,
            carriesPersonalData: call.PersonalValues is { Count: > 0 });
        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, VippsCall call, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            if (bytes.Length > 0 && JsonSerializer.Deserialize<T>(bytes, VippsJson.Options) is { } value)
            {
                return value;
            }
        }
        catch (JsonException e)
        {
            throw new VippsApiException(call.Operation, call.Msn?.Value, (int)response.StatusCode, new VippsProblem { Detail = $"The answer could not be read as {typeof(T).Name}: {e.Message}" });
        }

        throw new VippsApiException(call.Operation, call.Msn?.Value, (int)response.StatusCode, new VippsProblem { Detail = $"The answer had no {typeof(T).Name} body." });
    }

    private static string? Hint(int status, VippsProblem problem, VippsKeySet keySet, VippsCall call, bool tokenRefreshed) => status switch
    {
        401 when IsInvalidSubscriptionKey(problem) =>
            $"The subscription key of key set '{keySet.Name}' was rejected{(keySet.SecondarySubscriptionKey is null ? "" : " (the secondary too)")}; check that it belongs to the same key set and environment as the client id.",
        401 when tokenRefreshed =>
            $"Vipps rejected a freshly fetched access token for key set '{keySet.Name}' too; check the key set's environment ({keySet.Environment}) and that the keys are active.",
        403 when keySet.Type == VippsKeyType.Partner =>
            $"With partner keys, 403 means the Merchant-Serial-Number header was missing or MSN {call.Msn?.Value ?? "(none)"} is not linked to the partner; check the sales unit's partner link.",
        403 =>
            $"Key set '{keySet.Name}' ({keySet.Type}) may not act for MSN {call.Msn?.Value ?? "(none)"}; map the MSN to its own keys, or check that the product is activated for the sales unit.",
        _ => null,
    };

    internal static bool IsInvalidSubscriptionKey(VippsProblem problem) =>
        (problem.Detail?.Contains("subscription key", StringComparison.OrdinalIgnoreCase) ?? false)
        || (problem.Title?.Contains("subscription key", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Why no answer arrived, or null when <paramref name="exception"/> is not a no-answer failure.</summary>
    internal static string? NoAnswerReason(Exception exception) => exception switch
    {
        TimeoutRejectedException e => $"timed out after {e.Timeout.TotalSeconds:0.###} s",
        BrokenCircuitException => "the circuit breaker is open after repeated failures; calls are paused for a short while",
        HttpRequestException e => "network error: " + e.Message,
        OperationCanceledException => "timed out",
        _ => null,
    };

    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Replaces the request's personal values (<see cref="VippsCall.PersonalValues"/>) wherever the problem echoes them.</summary>
    internal static VippsProblem Redact(VippsProblem problem, IReadOnlyList<string>? personalValues) =>
        personalValues is not { Count: > 0 }
            ? problem
            : Replace(problem, personalValues.Where(v => v.Length > 0).SelectMany(v => new[] { v, Uri.EscapeDataString(v) }), "(redacted)");

    /// <summary>Removes any of this key set's secrets (or the token) that a server might echo in an error text.</summary>
    internal static VippsProblem Scrub(VippsProblem problem, VippsKeySet keySet, VippsAccessToken? token) =>
        Replace(
            problem,
            new[] { keySet.ClientSecret, keySet.SubscriptionKey, keySet.SecondarySubscriptionKey, keySet.ClientId, token?.Value }
                .Where(secret => secret is { IsEmpty: false })
                .Select(secret => secret!.Reveal()),
            "***");

    /// <summary>The problem with every occurrence of <paramref name="values"/> in its texts replaced by <paramref name="with"/>.</summary>
    private static VippsProblem Replace(VippsProblem problem, IEnumerable<string> values, string with)
    {
        var replaced = values.ToList();
        string? Clean(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            foreach (var value in replaced)
            {
                text = text.Replace(value, with, StringComparison.Ordinal);
            }

            return text;
        }

        return problem with
        {
            Title = Clean(problem.Title),
            Detail = Clean(problem.Detail),
            Instance = Clean(problem.Instance),
            Type = Clean(problem.Type),
            ExtraDetails = problem.ExtraDetails.Select(d => d with { Reason = Clean(d.Reason) ?? "" }).ToList(),
        };
    }
}
