namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

/// <summary>
/// Sliding one-minute windows per key, read from the simulator clock. Limits per operation come from
/// vipps-api-notes §4 (ePayment) and §5 (Recurring, REC-guide "Rate limiting").
/// </summary>
internal sealed class RateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _hits = new(StringComparer.Ordinal);

    /// <summary>Null when allowed; otherwise the seconds until a slot frees up.</summary>
    public int? TryAcquire(string key, int limit, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_hits.TryGetValue(key, out var hits))
            {
                hits = new Queue<DateTimeOffset>();
                _hits[key] = hits;
            }

            while (hits.Count > 0 && hits.Peek() <= now - Window)
            {
                hits.Dequeue();
            }

            if (hits.Count >= limit)
            {
                var wait = hits.Peek() + Window - now;
                return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            }

            hits.Enqueue(now);
            return null;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _hits.Clear();
        }
    }

    /// <summary>The documented limit per minute and the parts of the request that form the key, per operation.</summary>
    public static (int Limit, string KeyTemplate)? PolicyFor(string operation) => operation switch
    {
        "epayment.create" => (5, "msn+bodyReference"),
        "epayment.capture" or "epayment.refund" or "epayment.cancel" => (5, "msn+reference"),
        "epayment.get" or "epayment.events" => (120, "subscriptionKey+reference"),
        "recurring.agreement.create" => (300, "msn"),
        "recurring.agreement.list" => (5, "msn"),
        "recurring.agreement.get" => (120, "agreementId"),
        "recurring.agreement.update" => (5, "agreementId"),
        "recurring.charge.create" => (2, "agreementId+bodyOrderId"),
        "recurring.charge.get" => (10, "agreementId+chargeId"),
        "recurring.charge.getById" => (100, "chargeId"),
        "recurring.charge.list" => (10, "agreementId"),
        "recurring.charge.capture" or "recurring.charge.refund" or "recurring.charge.cancel" => (5, "agreementId+chargeId"),
        _ => null,
    };
}
