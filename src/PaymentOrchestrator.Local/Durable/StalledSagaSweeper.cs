using Microsoft.Extensions.Options;
using PaymentOrchestrator.Local.Configuration;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>Now and then, signals sagas that look stalled (<see cref="SagaResumption.SignalStalledAsync"/>).</summary>
public sealed partial class StalledSagaSweeper(SagaResumption resumption, IOptions<LocalHostSettings> settings, ILogger<StalledSagaSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var durable = settings.Value.Durable;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(durable.StalledSweepInterval, stoppingToken);
                var signalled = await resumption.SignalStalledAsync(durable.StalledGrace, stoppingToken);
                if (signalled > 0)
                {
                    LogSignalled(signalled);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signalled {Count} sagas that looked stalled")]
    private partial void LogSignalled(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stalled-saga sweep failed: {Error}")]
    private partial void LogFailed(Exception exception, string error);
}
