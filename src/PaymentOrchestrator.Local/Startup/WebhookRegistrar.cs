using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Vipps.Webhooks;

namespace PaymentOrchestrator.Local.Startup;

/// <summary>
/// Registers this host's webhook URL partner-wide at start and keeps the secret in memory only. A registration of the
/// same URL from an earlier run is deleted first: its secret is gone with that run.
/// </summary>
public sealed partial class WebhookRegistrar(VippsWebhooksClient webhooks, WebhookSecrets secrets, ILogger<WebhookRegistrar> logger)
{
    /// <summary>Every ePayment and Recurring event the sagas care about (no <c>created</c>: <see cref="EpaymentWebhooks.Subscribed"/>).</summary>
    public static IReadOnlyList<string> Events { get; } =
    [
        .. WebhookEventNames.AllPaymentEvents.Where(EpaymentWebhooks.Subscribed),
        WebhookEventNames.AgreementActivated, WebhookEventNames.AgreementRejected, WebhookEventNames.AgreementStopped,
        WebhookEventNames.AgreementExpired, WebhookEventNames.ChargeReserved, WebhookEventNames.ChargeCaptured,
        WebhookEventNames.ChargeCanceled, WebhookEventNames.ChargeFailed, WebhookEventNames.ChargeRefunded,
        WebhookEventNames.ChargeCreationFailed,
    ];

    /// <summary>The URL registered for <paramref name="baseAddress"/>.</summary>
    public static Uri WebhookUrl(Uri baseAddress) => new(baseAddress, "/" + OrchestratorNames.Routes.Webhooks);

    /// <summary>Registers <paramref name="url"/>; false (logged) when Vipps refused, so the host runs on polling alone.</summary>
    public async Task<bool> RegisterAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            foreach (var old in await webhooks.ListWebhooksAsync(null, cancellationToken))
            {
                if (old.Url == url)
                {
                    await webhooks.DeleteWebhookAsync(null, old.Id, cancellationToken);
                }
            }

            var registered = await webhooks.RegisterWebhookAsync(null, new RegisterWebhookRequest { Url = url, Events = Events }, cancellationToken);
            secrets.Add(url, registered.Secret);
            LogRegistered(url);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, url, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhooks registered at {Url}")]
    private partial void LogRegistered(Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register webhooks at {Url}; sagas complete by polling: {Error}")]
    private partial void LogFailed(Exception exception, Uri url, string error);
}
