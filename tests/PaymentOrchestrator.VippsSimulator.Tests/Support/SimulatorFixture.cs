namespace PaymentOrchestrator.VippsSimulator.Tests.Support;

/// <summary>One simulator per test class (hosts are cheap); rate limits off unless a test class asks for them.</summary>
public abstract class SimulatorTest : IAsyncLifetime
{
    protected SimulatorHost Host { get; private set; } = null!;

    protected virtual SimulatorOptions Options => new() { RateLimitsEnabled = false, RandomSeed = 42 };

    public async Task InitializeAsync() => Host = await SimulatorHost.StartAsync(Options);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
