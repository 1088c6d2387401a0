using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Orchestration.Webhooks;

/// <summary>
/// Takes a Vipps webhook delivery in (both hosts, through the HTTP API): <see cref="WebhookRouter"/> verifies the signature and finds the
/// saga, then <see cref="SagaHandoff"/> applies a <see cref="WebhookReceived"/> signal to its row — the saga reads the
/// resource back rather than trusting the payload — and the caller hands the progress to the saga's orchestration.
/// Polling still completes sagas whose webhooks never arrive.
/// </summary>
public sealed partial class WebhookProcessor(
    WebhookRouter router,
    SagaHandoff handoff,
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

        if (await handoff.SignalAsync(target.Saga, new WebhookReceived(target.EventName), cancellationToken) is not { } ready)
        {
            LogIgnored(target.Saga.ToString());
            return new WebhookIgnored($"no saga {target.Saga} exists");
        }

        return new WebhookApplied(target.Saga, target.EventName, ready.Progress, Changed: !ready.Duplicate);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook ignored: no saga {SagaKey} exists")]
    private partial void LogIgnored(string sagaKey);
}
