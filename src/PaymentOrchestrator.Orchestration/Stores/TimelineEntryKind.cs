namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>What a timeline entry records.</summary>
public enum TimelineEntryKind
{
    /// <summary>An input arrived: an incoming event, a webhook, a wake-up or a Vipps answer.</summary>
    Received,

    /// <summary>A fact the saga concluded (state changes, accepted captures and refunds, schedules).</summary>
    Decided,

    /// <summary>A Vipps call written into the outbox, with its idempotency key.</summary>
    CommandQueued,

    /// <summary>An outcome event published to the webshop.</summary>
    Outcome,

    /// <summary>The saga refused the input; the reason is kept.</summary>
    Rejected,
}
