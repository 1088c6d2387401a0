using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Webhooks;

/// <summary>
/// Handles a Vipps webhook delivery in-process (the local host): <see cref="WebhookRouter"/> verifies the signature and
/// finds the saga, then the saga is driven with a <see cref="WebhookReceived"/> signal — it reads the resource back
/// rather than trusting the payload. Polling still completes sagas whose webhooks never arrive. (The Functions host
/// uses the same router and hands the signal to the saga's orchestration instead.)
/// </summary>
public sealed partial class WebhookProcessor(
    WebhookRouter router,
    SagaStore store,
    SagaDriver driver,
    ILogger<WebhookProcessor> logger)
{
    public async Task<WebhookResult> ProcessAsync(
        ReadOnlyMemory<byte> body, string? xMsDate, string? xMsContentSha256, string? authorization, CancellationToken cancellationToken = default)
    {
        var routed = await router.RouteAsync(body, xMsDate, xMsContentSha256, authorization, cancellationToken);
        if (routed is not WebhookRouted target)
        {
            return routed;
        }

        if (await store.LoadAsync(target.Saga, cancellationToken) is null)
        {
            LogIgnored(target.Saga.ToString());
            return new WebhookIgnored($"no saga {target.Saga} exists");
        }

        var drive = await driver.DriveAsync(target.Saga, new WebhookReceived(target.EventName), null, cancellationToken);
        return new WebhookApplied(target.Saga, target.EventName, drive);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook ignored: no saga {SagaKey} exists")]
    private partial void LogIgnored(string sagaKey);
}
