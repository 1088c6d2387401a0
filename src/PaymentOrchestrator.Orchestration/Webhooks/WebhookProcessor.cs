using System.Text.Json;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps.Webhooks;

namespace PaymentOrchestrator.Orchestration.Webhooks;

/// <summary>
/// Handles a Vipps webhook delivery: verify the HMAC signature against the registered URL(s) and secret(s), find the
/// saga it is about (ePayment: msn + reference; charges: msn + chargeId, which is our charge id; agreements: msn +
/// agreementId through the index), and drive the saga with a <see cref="WebhookReceived"/> signal — it reads the
/// resource back rather than trusting the payload. Polling still completes sagas whose webhooks never arrive.
/// </summary>
public sealed partial class WebhookProcessor(
    VippsWebhookSignatureVerifier verifier,
    WebhookSecrets secrets,
    SagaStore store,
    SagaDriver driver,
    ILogger<WebhookProcessor> logger)
{
    public async Task<WebhookResult> ProcessAsync(
        ReadOnlyMemory<byte> body, string? xMsDate, string? xMsContentSha256, string? authorization, CancellationToken cancellationToken = default)
    {
        var registrations = secrets.All();
        if (registrations.Count == 0)
        {
            return Unauthorized("no webhook registration is configured (Webhooks:Registrations), so no signature can be verified");
        }

        WebhookSignatureResult? failure = null;
        foreach (var (url, secret) in registrations)
        {
            var result = verifier.Verify(url, secret, body.Span, xMsDate, xMsContentSha256, authorization);
            if (result.IsValid)
            {
                failure = null;
                break;
            }

            failure ??= result;
            if (result.Failure is not WebhookSignatureFailure.SignatureMismatch)
            {
                // Missing headers, a bad date or a wrong content hash fail the same way for every registration.
                break;
            }
        }

        if (failure is not null)
        {
            return Unauthorized(failure.Reason);
        }

        var route = await RouteAsync(body, cancellationToken);
        if (route is not { } target)
        {
            return Ignore("the payload names no saga this orchestrator runs (no msn with reference, chargeId or a known agreementId)");
        }

        var existing = await store.LoadAsync(target.Key, cancellationToken);
        if (existing is null)
        {
            return Ignore($"no saga {target.Key} exists");
        }

        var drive = await driver.DriveAsync(target.Key, new WebhookReceived(target.EventName), null, cancellationToken);
        return new WebhookApplied(target.Key, target.EventName, drive);
    }

    private async Task<(SagaKey Key, string EventName)?> RouteAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryString(root, "msn", out var msnText) || !Msn.Create(msnText).IsValid)
            {
                return null;
            }

            var msn = Msn.Create(msnText).Value;
            var name = TryString(root, "name", out var n) ? n : TryString(root, "eventType", out var t) ? t : "unknown";
            if (TryString(root, "reference", out var reference) && PaymentReference.Create(reference) is { IsValid: true } r)
            {
                return (SagaKey.Payment(msn, r.Value), name);
            }

            if (TryString(root, "chargeId", out var chargeId) && ChargeId.Create(chargeId) is { IsValid: true } c)
            {
                return (SagaKey.Charge(msn, c.Value), name);
            }

            if (TryString(root, "agreementId", out var agreementId)
                && await store.FindAgreementSagaAsync(msn, agreementId, cancellationToken) is { } agreement)
            {
                return (agreement, name);
            }

            return null;
        }
    }

    private static bool TryString(JsonElement root, string name, out string value)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { } text)
        {
            value = text;
            return true;
        }

        value = string.Empty;
        return false;
    }

    private WebhookUnauthorized Unauthorized(string reason)
    {
        LogUnauthorized(reason);
        return new WebhookUnauthorized(reason);
    }

    private WebhookIgnored Ignore(string reason)
    {
        LogIgnored(reason);
        return new WebhookIgnored(reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused: {Reason}")]
    private partial void LogUnauthorized(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook ignored: {Reason}")]
    private partial void LogIgnored(string reason);
}
