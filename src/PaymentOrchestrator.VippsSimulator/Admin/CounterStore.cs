namespace PaymentOrchestrator.VippsSimulator.Admin;

internal sealed class CounterStore
{
    private readonly Lock _gate = new();
    private SimulatorCounters _counters = new();

    public void TokenRequested()
    {
        lock (_gate)
        {
            _counters.TokenRequests++;
        }
    }

    public void Called(string operation) => Increment(c => c.Calls, operation);

    public void Captured(string key) => Increment(c => c.Captures, key);

    public void Refunded(string key) => Increment(c => c.Refunds, key);

    public void Cancelled(string key) => Increment(c => c.Cancels, key);

    public void Faulted(string label) => Increment(c => c.Faults, label);

    public void Replayed()
    {
        lock (_gate)
        {
            _counters.IdempotentReplays++;
        }
    }

    public void WebhookDelivered()
    {
        lock (_gate)
        {
            _counters.WebhookDeliveries++;
        }
    }

    public void WebhookFailed()
    {
        lock (_gate)
        {
            _counters.WebhookFailures++;
        }
    }

    public SimulatorCounters Snapshot()
    {
        lock (_gate)
        {
            return new SimulatorCounters
            {
                TokenRequests = _counters.TokenRequests,
                Calls = new Dictionary<string, long>(_counters.Calls),
                Captures = new Dictionary<string, long>(_counters.Captures),
                Refunds = new Dictionary<string, long>(_counters.Refunds),
                Cancels = new Dictionary<string, long>(_counters.Cancels),
                Faults = new Dictionary<string, long>(_counters.Faults),
                IdempotentReplays = _counters.IdempotentReplays,
                WebhookDeliveries = _counters.WebhookDeliveries,
                WebhookFailures = _counters.WebhookFailures,
            };
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _counters = new SimulatorCounters();
        }
    }

    private void Increment(Func<SimulatorCounters, Dictionary<string, long>> select, string key)
    {
        lock (_gate)
        {
            var map = select(_counters);
            map[key] = map.GetValueOrDefault(key) + 1;
        }
    }
}
