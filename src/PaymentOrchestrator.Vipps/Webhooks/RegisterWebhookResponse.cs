namespace PaymentOrchestrator.Vipps.Webhooks;

/// <summary>Answer of register: the id and the signing secret, which Vipps shows only this once. Store it now.</summary>
public sealed record RegisterWebhookResponse
{
    /// <summary>Registration id.</summary>
    public Guid Id { get; init; }

    /// <summary>The HMAC secret for <see cref="VippsWebhookSignatureVerifier"/>; prints as <c>***</c>.</summary>
    public Secret Secret { get; init; } = new("");
}
