using System.Text.Json;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps.Webhooks;

namespace PaymentOrchestrator.Orchestration.Webhooks;

/// <summary>
/// Webhook handling for hosts whose sagas run elsewhere (the Functions host): verify the HMAC signature against the
/// configured registrations and find the saga the payload names — the same rules as <see cref="WebhookProcessor"/>,
/// which additionally drives the saga in-process. The host then applies <see cref="Domain.Sagas.WebhookReceived"/>
/// through <c>Hosting.SagaHandoff.SignalAsync</c> and signals the saga's orchestration.
/// </summary>
public sealed partial class WebhookRouter(
    VippsWebhookSignatureVerifier verifier,
    WebhookSecrets secrets,
    SagaStore store,
    ILogger<WebhookRouter> logger)
{
    /// <summary>Verifies and routes one delivery. Returns <see cref="WebhookUnauthorized"/>, <see cref="WebhookIgnored"/> or <see cref="WebhookRouted"/>.</summary>
    public async Task<WebhookResult> RouteAsync(
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
                break;
            }
        }

        if (failure is not null)
        {
            return Unauthorized(failure.Reason);
        }

        if (!StrictJson.TryParse(body, out var document, out var refusal))
        {
            LogMalformed(refusal.Message);
            return new WebhookMalformed(refusal.Message);
        }

        using (document)
        {
            return await FindSagaAsync(document.RootElement, cancellationToken) is { } routed
                ? routed
                : Ignore("the payload names no saga this orchestrator runs (no msn with reference, chargeId or a known agreementId)");
        }
    }

    private async Task<WebhookRouted?> FindSagaAsync(JsonElement root, CancellationToken cancellationToken)
    {
        if (root.ValueKind != JsonValueKind.Object || !TryString(root, "msn", out var msnText) || !Msn.Create(msnText).IsValid)
        {
            return null;
        }

        var msn = Msn.Create(msnText).Value;
        var name = TryString(root, "name", out var n) ? n : TryString(root, "eventType", out var t) ? t : "unknown";
        if (TryString(root, "reference", out var reference) && PaymentReference.Create(reference) is { IsValid: true } r)
        {
            return new WebhookRouted(SagaKey.Payment(msn, r.Value), name);
        }

        if (TryString(root, "chargeId", out var chargeId) && ChargeId.Create(chargeId) is { IsValid: true } c)
        {
            return new WebhookRouted(SagaKey.Charge(msn, c.Value), name);
        }

        if (TryString(root, "agreementId", out var agreementId)
            && await store.FindAgreementSagaAsync(msn, agreementId, cancellationToken) is { } agreement)
        {
            return new WebhookRouted(agreement, name);
        }

        return null;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused: a correctly signed payload that is not acceptable JSON: {Reason}")]
    private partial void LogMalformed(string reason);
}
