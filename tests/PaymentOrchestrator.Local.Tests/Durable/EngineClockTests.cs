using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Durable;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Local.Tests.Durable;

public sealed class EngineClockTests
{
    private static readonly SagaKey Key = SagaKey.Payment(Msn.Create("123456").Value, PaymentReference.Create("order-10001").Value);

    [Fact]
    public void a_wake_up_on_a_moved_host_clock_waits_the_same_delay_in_engine_time()
    {
        var host = new LocalClock();
        host.Advance(TimeSpan.FromDays(3));
        var clock = new EngineClock(host);

        var before = TimeProvider.System.GetUtcNow();
        var engine = clock.ToEngine(host.GetUtcNow() + TimeSpan.FromMinutes(10));
        var after = TimeProvider.System.GetUtcNow();

        Assert.InRange(engine, before + TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1), after + TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void a_wake_up_that_is_due_on_the_host_clock_is_due_now_in_the_engine()
    {
        var host = new LocalClock();
        host.Advance(TimeSpan.FromDays(3));

        var advance = new EngineClock(host).ToEngine(new SagaAdvance(Key, false, host.GetUtcNow() - TimeSpan.FromDays(1), false));

        Assert.Equal(DateTimeOffset.MinValue, advance.WakeUpAt);
        Assert.Equal(AdvanceStepName, new SagaTurn(Key, false, null, false).Advanced(advance).Next(TimeProvider.System.GetUtcNow()).GetType().Name);
    }

    [Fact]
    public void with_the_system_clock_wake_ups_are_left_as_they_are()
    {
        var at = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var advance = new SagaAdvance(Key, false, at, false);

        Assert.Equal(at, new EngineClock(TimeProvider.System).ToEngine(advance).WakeUpAt);
        Assert.Null(new EngineClock(new LocalClock()).ToEngine(advance with { WakeUpAt = null }).WakeUpAt);
    }

    private const string AdvanceStepName = nameof(AdvanceStep);
}
