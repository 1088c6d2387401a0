using PaymentOrchestrator.VippsSimulator;
using Xunit.Abstractions;
using PaymentOrchestrator.Testing.Chaos;

namespace PaymentOrchestrator.Orchestration.Tests.Chaos;

/// <summary>
/// The short form of the chaos suite (the full form: <c>dotnet run -c Release --project bench/PaymentOrchestrator.Benchmarks -- chaos</c>).
/// Bounded by saga count and a time budget; it asserts correctness only, never timings. It runs the real saga
/// orchestration (<see cref="OrchestrationChaosRun"/>); kills of the host are the host-level suite's (EndToEnd).
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task under_faults_and_activity_crashes_every_saga_ends_correct_with_no_double_money_movement_and_no_lost_message()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false, RandomSeed = 8 });
        var options = new ChaosOptions
        {
            Sagas = 12,
            Concurrency = 12,
            Budget = TimeSpan.FromSeconds(10),
            DrainLimit = TimeSpan.FromSeconds(60),
            CrashAfterCallRate = 0.05,
        };

        var report = await new OrchestrationChaosRun(options, simulator).RunAsync();

        foreach (var (label, value) in report.Summary())
        {
            output.WriteLine($"{label}: {value}");
        }

        foreach (var line in report.Violations.Concat(report.UnexpectedExceptions).Take(50))
        {
            output.WriteLine(line);
        }

        Assert.True(report.Crashes > 0, "the run crashed at least one activity after a Vipps call or a publish");
        Assert.Empty(report.UnexpectedExceptions);
        Assert.Empty(report.Violations);
        Assert.Equal(report.SagasStarted, report.SagasVerified);
    }
}
