using PaymentOrchestrator.VippsSimulator.Persistence;

namespace PaymentOrchestrator.VippsSimulator.Clock;

/// <summary>
/// Moves time-driven state forward on a real-time timer, and synchronously after the admin clock advance.
/// Reads also catch up lazily, so a GET never shows a payment that should already have expired.
/// </summary>
internal sealed class SimulatorSweeper(IEnumerable<ITimeDriven> parts, SimulatorOptions options, SimulatorPersistence persistence) : BackgroundService
{
    private readonly ITimeDriven[] _parts = parts.ToArray();

    public void SweepNow()
    {
        foreach (var part in _parts)
        {
            part.Sweep();
        }

        // Expiry, auto-approval and due charges change state without a request.
        persistence.Save();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                SweepNow();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
