namespace PaymentOrchestrator.EndToEnd.Tests.Support;

/// <summary>
/// One <see cref="TestHost"/> for a whole test class (an xunit class fixture): for tests that only put requests to the
/// host whose answers no other test of the class can change (unique references, refusals, reads). A host per test
/// started and stopped a whole local host (~6 s) for each of them; the tests of one class run one at a time.
/// </summary>
public sealed class TestHostFixture : IAsyncLifetime
{
    internal TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
