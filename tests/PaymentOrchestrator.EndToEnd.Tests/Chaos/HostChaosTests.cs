using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;
using Xunit.Abstractions;

namespace PaymentOrchestrator.EndToEnd.Tests.Chaos;

/// <summary>
/// The short form of the host-level chaos suite (the full form:
/// <c>dotnet run -c Release --project bench/PaymentOrchestrator.Benchmarks -- chaos</c>). The local host runs as a
/// child process and is killed with SIGKILL while sagas run through faults. Bounded by saga count and a time budget;
/// it asserts correctness only, never timings.
/// </summary>
public sealed class HostChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task with_the_host_killed_at_random_under_faults_every_saga_ends_correct_with_no_double_money_movement_and_no_lost_message()
    {
        var azurite = await SharedAzurite.GetAsync();
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false, RandomSeed = 8 });
        var options = new HostChaosOptions
        {
            Sagas = 100,
            Concurrency = 16,
            Budget = TimeSpan.FromSeconds(60),
            DrainLimit = TimeSpan.FromSeconds(90),
            KillAfterMin = TimeSpan.FromSeconds(3),
            KillAfterMax = TimeSpan.FromSeconds(6),
            MaxDowntime = TimeSpan.FromSeconds(1),
        };

        var report = await new HostChaosRun(options, azurite.ConnectionString, simulator.BaseAddress, simulator.Admin, Guid.NewGuid().ToString("N")[..10]).RunAsync();

        foreach (var (label, value) in report.Summary())
        {
            output.WriteLine($"{label}: {value}");
        }

        foreach (var line in report.Violations.Concat(report.UnexpectedExceptions).Concat(report.HostErrorSamples).Take(50))
        {
            output.WriteLine(line);
        }

        Assert.True(report.Kills >= 2, "the run killed the host at least twice");
        Assert.Empty(report.UnexpectedExceptions);
        Assert.Empty(report.Violations);
        Assert.Equal(report.SagasStarted, report.SagasVerified);
        Assert.Equal(0, report.HostStackTraceLines);
    }
}
