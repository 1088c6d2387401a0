using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>
/// Durable timers run on real time, while a saga computes its wake-ups on the host's clock — which the demo and the
/// end-to-end tests move forward (<see cref="Hosting.LocalClock"/>). Every wake-up that enters the engine is converted:
/// the delay from the host's now is kept, measured from the engine's now. With the system clock (the Functions host,
/// a run against real Vipps) the conversion is the identity. A wake-up that is due becomes
/// <see cref="DateTimeOffset.MinValue"/>, which the orchestration reads as "now".
/// </summary>
public sealed class EngineClock(TimeProvider host)
{
    private readonly bool _identity = ReferenceEquals(host, TimeProvider.System);

    public SagaAdvance ToEngine(SagaAdvance advance)
    {
        ArgumentNullException.ThrowIfNull(advance);
        return advance.WakeUpAt is { } at ? advance with { WakeUpAt = ToEngine(at) } : advance;
    }

    /// <summary>A past host time in engine time: as long ago on the engine's clock (the purge's cut-off).</summary>
    public DateTimeOffset PastToEngine(DateTimeOffset at) => _identity ? at : TimeProvider.System.GetUtcNow() - (host.GetUtcNow() - at);

    public DateTimeOffset ToEngine(DateTimeOffset at)
    {
        if (_identity || at == DateTimeOffset.MinValue)
        {
            return at;
        }

        var delay = at - host.GetUtcNow();
        return delay <= TimeSpan.Zero ? DateTimeOffset.MinValue : TimeProvider.System.GetUtcNow() + delay;
    }
}
