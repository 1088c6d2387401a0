namespace PaymentOrchestrator.VippsSimulator;

/// <summary>Answer of <c>GET /simulator/counters</c>.</summary>
public sealed class SimulatorCounters
{
    /// <summary>Requests to <c>POST /accesstoken/get</c>, successful or not.</summary>
    public long TokenRequests { get; set; }

    /// <summary>Requests per operation name (for example <c>epayment.capture</c>), including faulted ones.</summary>
    public Dictionary<string, long> Calls { get; set; } = [];

    /// <summary>Applied captures per <c>{msn}/{reference}</c> (ePayment) or <c>{msn}/{agreementId}/{chargeId}</c> (Recurring); replays are not counted.</summary>
    public Dictionary<string, long> Captures { get; set; } = [];

    /// <summary>Applied refunds, keyed like <see cref="Captures"/>.</summary>
    public Dictionary<string, long> Refunds { get; set; } = [];

    /// <summary>Applied cancels, keyed like <see cref="Captures"/>.</summary>
    public Dictionary<string, long> Cancels { get; set; } = [];

    /// <summary>Injected faults per kind (<c>error 503</c>, <c>rate-limit 429</c>, <c>lost-response 500</c>, <c>lost-response dropped</c>); latency rules are not counted.</summary>
    public Dictionary<string, long> Faults { get; set; } = [];

    /// <summary>Requests answered from the idempotency store instead of being executed again.</summary>
    public long IdempotentReplays { get; set; }

    /// <summary>Successful webhook deliveries (2xx from the receiver).</summary>
    public long WebhookDeliveries { get; set; }

    /// <summary>Failed webhook delivery attempts (non-2xx, timeout or connection failure).</summary>
    public long WebhookFailures { get; set; }

    /// <summary>Calls per operation name for <paramref name="operation"/>, or 0.</summary>
    public long CallsTo(string operation) => Calls.GetValueOrDefault(operation);

    /// <summary>Applied captures of an ePayment payment.</summary>
    public long CapturesOf(string msn, string reference) => Captures.GetValueOrDefault($"{msn}/{reference}");

    /// <summary>Applied refunds of an ePayment payment.</summary>
    public long RefundsOf(string msn, string reference) => Refunds.GetValueOrDefault($"{msn}/{reference}");

    /// <summary>Applied cancels of an ePayment payment.</summary>
    public long CancelsOf(string msn, string reference) => Cancels.GetValueOrDefault($"{msn}/{reference}");
}
