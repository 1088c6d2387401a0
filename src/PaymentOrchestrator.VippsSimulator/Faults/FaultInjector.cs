using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Faults;

internal sealed class FaultInjector(IdGenerator random)
{
    private readonly Lock _gate = new();
    private readonly List<ActiveRule> _rules = [];

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Rate is < 0 or > 1)
        {
            throw new ArgumentException("rate must be between 0 and 1.", nameof(rule));
        }

        if (rule.Count is < 0)
        {
            throw new ArgumentException("count must not be negative.", nameof(rule));
        }

        lock (_gate)
        {
            _rules.Add(new ActiveRule(rule, rule.Count));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public IReadOnlyList<FaultRule> List()
    {
        lock (_gate)
        {
            return _rules.Select(r => r.Rule).ToList();
        }
    }

    /// <summary>The first rule that hits this request, spending one of its counted hits.</summary>
    public FaultRule? Match(string operation, string? msn)
    {
        lock (_gate)
        {
            foreach (var active in _rules)
            {
                if (active.Rule.Route != "*" && !string.Equals(active.Rule.Route, operation, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (active.Rule.Msn is { } only && !string.Equals(only, msn, StringComparison.Ordinal))
                {
                    continue;
                }

                if (active.Remaining is { } remaining)
                {
                    if (remaining <= 0)
                    {
                        continue;
                    }

                    active.Remaining = remaining - 1;
                    return active.Rule;
                }

                if (active.Rule.Rate >= 1 || random.NextDouble() < active.Rule.Rate)
                {
                    return active.Rule;
                }
            }

            return null;
        }
    }

    private sealed class ActiveRule(FaultRule rule, int? remaining)
    {
        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; } = remaining;
    }
}
