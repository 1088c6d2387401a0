using System.Text.Json;
using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Admin;
using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Faults;

namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

/// <summary>
/// Runs before every Vipps API endpoint: counts the call, applies injected faults, then the documented rate limits.
/// </summary>
internal sealed class SimulatorPipeline(
    RequestDelegate next,
    CounterStore counters,
    FaultInjector faults,
    RateLimiter rateLimiter,
    SimulatorSettings settings,
    SimulatorClock clock,
    Problems problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var operation = context.GetEndpoint()?.Metadata.GetMetadata<OperationName>()?.Name;
        if (operation is null)
        {
            await next(context);
            return;
        }

        counters.Called(operation);
        var fault = faults.Match(operation, context.Request.Headers[ApiAuthenticator.MsnHeader].ToString());
        if (fault?.LatencyMs is > 0 and var latency)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        if (fault is { Kind: not FaultKind.Latency })
        {
            counters.Faulted(FaultLabel(fault));
        }

        var family = FamilyOf(operation);
        switch (fault?.Kind)
        {
            case FaultKind.Error:
                await problems.Create(family, fault.Status ?? 500, "Injected fault", $"Simulated failure of {operation}.", context.Request.Path, fault.ErrorCode).ExecuteAsync(context);
                return;
            case FaultKind.RateLimit:
                await Problems.RateLimited(fault.RetryAfterSeconds ?? 1).ExecuteAsync(context);
                return;
        }

        if (settings.RateLimitsEnabled && RateLimiter.PolicyFor(operation) is { } policy)
        {
            var key = await RateLimitKeyAsync(context, operation, policy.KeyTemplate);
            if (rateLimiter.TryAcquire(key, policy.Limit, clock.GetUtcNow()) is { } retryAfter)
            {
                await Problems.RateLimited(retryAfter).ExecuteAsync(context);
                return;
            }
        }

        if (fault?.Kind != FaultKind.LostResponse)
        {
            await next(context);
            return;
        }

        // Let the request take full effect (and be stored for idempotency), then throw the answer away.
        var original = context.Response.Body;
        using (var discarded = new MemoryStream())
        {
            context.Response.Body = discarded;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }
        }

        if (fault.Status == 0)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        await problems.Create(family, fault.Status ?? 500, "Internal Server Error", $"Simulated lost response of {operation}: the request was applied.", context.Request.Path).ExecuteAsync(context);
    }

    private static ApiFamily FamilyOf(string operation) => operation switch
    {
        "token" => ApiFamily.AccessToken,
        _ when operation.StartsWith("recurring.", StringComparison.Ordinal) => ApiFamily.Recurring,
        _ when operation.StartsWith("webhooks.", StringComparison.Ordinal) => ApiFamily.Webhooks,
        _ when operation.StartsWith("report.", StringComparison.Ordinal) => ApiFamily.Report,
        _ when operation.StartsWith("userinfo.", StringComparison.Ordinal) => ApiFamily.Userinfo,
        _ when operation.StartsWith("management.", StringComparison.Ordinal) => ApiFamily.Management,
        _ => ApiFamily.Epayment,
    };

    private static async Task<string> RateLimitKeyAsync(HttpContext context, string operation, string template)
    {
        var parts = new List<string> { operation };
        foreach (var part in template.Split('+'))
        {
            parts.Add(part switch
            {
                "msn" => context.Request.Headers[ApiAuthenticator.MsnHeader].ToString(),
                "subscriptionKey" => context.Request.Headers[ApiAuthenticator.SubscriptionKeyHeader].ToString(),
                "bodyReference" => await BodyPropertyAsync(context, "reference"),
                "bodyOrderId" => await BodyPropertyAsync(context, "orderId") is { Length: > 0 } orderId ? orderId : context.Request.Headers["Idempotency-Key"].ToString(),
                _ => context.Request.RouteValues[part]?.ToString() ?? "",
            });
        }

        return string.Join('|', parts);
    }

    /// <summary>
    /// Reads one top-level string property of the JSON body and rewinds it. A missing or misspelled property gives "",
    /// so every such request shares one rate-limit bucket, as at Vipps (vipps-api-notes §4).
    /// </summary>
    private static async Task<string> BodyPropertyAsync(HttpContext context, string property)
    {
        context.Request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString() ?? ""
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }

    /// <summary>How an injected fault is counted: "error 503", "rate-limit 429", "lost-response 500", "lost-response dropped".</summary>
    internal static string FaultLabel(FaultRule fault) => fault.Kind switch
    {
        FaultKind.Error => $"error {fault.Status ?? 500}",
        FaultKind.RateLimit => "rate-limit 429",
        FaultKind.LostResponse => fault.Status == 0 ? "lost-response dropped" : $"lost-response {fault.Status ?? 500}",
        _ => fault.Kind.ToString(),
    };
}
