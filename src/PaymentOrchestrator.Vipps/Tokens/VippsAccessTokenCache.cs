using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Tokens;

/// <summary>
/// One cached access token per key set (partner keys: one token serves every MSN). Single-flight: concurrent callers
/// that find no fresh token share one request to <c>POST /accesstoken/get</c>. A token is replaced
/// <see cref="VippsClientOptions.TokenRefreshMargin"/> before it expires (its lifetime read from the string-typed
/// <c>expires_in</c>, else <c>expires_on</c>), and on demand after Vipps answers 401 to it.
/// </summary>
internal sealed class VippsAccessTokenCache(
    IHttpClientFactory httpClientFactory,
    IOptions<VippsClientOptions> options,
    SubscriptionKeySelector subscriptionKeys,
    TimeProvider timeProvider,
    ILogger<VippsAccessTokenCache> logger)
{
    private const string Operation = "token";
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    public async Task<VippsAccessToken> GetAsync(VippsKeySet keySet, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(keySet.Name, static _ => new Slot());
        Task<VippsAccessToken> pending;
        VippsAccessToken? current;
        lock (slot)
        {
            current = slot.Current;
            if (current is not null && timeProvider.GetUtcNow() < current.RefreshAt)
            {
                return current;
            }

            // Task.Run: the fetch must never run inline under this lock (its completion also takes the lock).
            pending = slot.Pending ??= Task.Run(() => FetchAndStoreAsync(keySet, slot), CancellationToken.None);
        }

        try
        {
            return await pending.WaitAsync(cancellationToken);
        }
        catch (VippsApiException) when (current is not null && timeProvider.GetUtcNow() < current.ExpiresAt)
        {
            // The early refresh failed but the old token is still valid: keep working with it.
            return current;
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> (Vipps answered 401 to it) unless a newer token replaced it already.</summary>
    public void Invalidate(VippsKeySet keySet, VippsAccessToken rejected)
    {
        if (_slots.TryGetValue(keySet.Name, out var slot))
        {
            lock (slot)
            {
                if (ReferenceEquals(slot.Current, rejected))
                {
                    slot.Current = null;
                }
            }
        }
    }

    private async Task<VippsAccessToken> FetchAndStoreAsync(VippsKeySet keySet, Slot slot)
    {
        try
        {
            var token = await FetchAsync(keySet);
            lock (slot)
            {
                slot.Current = token;
                slot.Pending = null;
            }

            return token;
        }
        catch
        {
            lock (slot)
            {
                slot.Pending = null;
            }

            throw;
        }
    }

    private async Task<VippsAccessToken> FetchAsync(VippsKeySet keySet)
    {
        var settings = options.Value;
        var client = httpClientFactory.CreateClient(VippsServiceCollectionExtensions.TokenHttpClientName);
        var switched = false;
        while (true)
        {
            var subscriptionKey = subscriptionKeys.Current(keySet);
            var started = timeProvider.GetUtcNow();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.EffectiveBaseAddress, "accesstoken/get"));
            request.Headers.TryAddWithoutValidation(VippsHeaders.ClientId, keySet.ClientId.Reveal());
            request.Headers.TryAddWithoutValidation(VippsHeaders.ClientSecret, keySet.ClientSecret.Reveal());
            request.Headers.TryAddWithoutValidation(VippsHeaders.SubscriptionKey, subscriptionKey.Reveal());
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            VippsRequestOptions.AddSystemHeaders(request, settings.System);
            VippsRequestOptions.Tag(request, Operation, VippsRequestOptions.TokenPipelineKeyOf(keySet.Name), retryable: true);

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, CancellationToken.None);
            }
            catch (Exception e) when (VippsPipeline.NoAnswerReason(e) is { } reason)
            {
                VippsLog.TokenFailed(logger, keySet.Name, null);
                CountFetch(keySet, "no_answer");
                throw new VippsApiException(Operation, null, $"{reason} while fetching an access token for key set '{keySet.Name}'", e);
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    var token = Parse(body, started, keySet, settings.TokenRefreshMargin);
                    VippsLog.TokenFetched(logger, keySet.Name, token.ExpiresAt - started);
                    CountFetch(keySet, "success");
                    return token;
                }

                var problem = VippsPipeline.Scrub(ProblemParser.Parse(body), keySet, null);
                var status = (int)response.StatusCode;
                if (status == 401 && VippsPipeline.IsInvalidSubscriptionKey(problem) && !switched && subscriptionKeys.TrySwitchAfterRejection(keySet, subscriptionKey))
                {
                    switched = true;
                    continue;
                }

                VippsLog.TokenFailed(logger, keySet.Name, status);
                CountFetch(keySet, "failed");
                var hint = status is 401 or 403
                    ? $"Check key set '{keySet.Name}' ({keySet.Type}, {keySet.Environment}): client id, client secret and subscription key must belong to the same key set and environment; partner keys work only in production."
                    : null;
                throw new VippsApiException(Operation, null, status, problem, VippsPipeline.RetryAfterOf(response, timeProvider), hint);
            }
        }
    }

    private static void CountFetch(VippsKeySet keySet, string outcome) =>
        VippsTelemetry.TokenFetches.Add(1,
            new KeyValuePair<string, object?>("vipps.key_type", keySet.Type.ToString()),
            new KeyValuePair<string, object?>("vipps.outcome", outcome));

    internal static VippsAccessToken Parse(string body, DateTimeOffset requestedAt, VippsKeySet keySet, TimeSpan refreshMargin)
    {
        string? accessToken = null;
        string? expiresIn = null;
        string? expiresOn = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            accessToken = Text(root, "access_token");
            expiresIn = Text(root, "expires_in");
            expiresOn = Text(root, "expires_on");
        }
        catch (JsonException)
        {
            // Reported below without the body, which holds the token.
        }

        if (string.IsNullOrEmpty(accessToken))
        {
            throw new VippsApiException(Operation, null, 200, new VippsProblem { Detail = $"The access token answer for key set '{keySet.Name}' had no access_token." });
        }

        // expires_in is relative, so our clock's offset from Vipps' does not matter; expires_on (epoch) is the fallback.
        DateTimeOffset expiresAt;
        if (long.TryParse(expiresIn, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            expiresAt = requestedAt.AddSeconds(seconds);
        }
        else if (long.TryParse(expiresOn, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch) && epoch > 0)
        {
            expiresAt = DateTimeOffset.FromUnixTimeSeconds(epoch);
        }
        else
        {
            throw new VippsApiException(Operation, null, 200, new VippsProblem { Detail = $"The access token answer for key set '{keySet.Name}' had neither a usable expires_in nor expires_on." });
        }

        var lifetime = expiresAt - requestedAt;
        var margin = lifetime <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(refreshMargin.Ticks, lifetime.Ticks / 2));
        return new VippsAccessToken(new Secret(accessToken), expiresAt, expiresAt - margin);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private sealed class Slot
    {
        public VippsAccessToken? Current { get; set; }

        public Task<VippsAccessToken>? Pending { get; set; }
    }
}
