namespace PaymentOrchestrator.Vipps.Webhooks;

/// <summary>A registered webhook (the secret is never listed).</summary>
public sealed record WebhookRegistration
{
    /// <summary>Registration id.</summary>
    public Guid Id { get; init; }

    /// <summary>The URL events go to.</summary>
    public Uri? Url { get; init; }

    /// <summary>The event names.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];
}
