using Microsoft.Extensions.Options;
using PaymentOrchestrator.Local.Configuration;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>A safety net under the wake-up messages: now and then, wake sagas whose wake-up is overdue.</summary>
public sealed partial class OverdueSagaSweeper(SagaResumer resumer, IOptions<LocalHostSettings> settings, ILogger<OverdueSagaSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queues = settings.Value.Queues;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(queues.OverdueSweepInterval, stoppingToken);
                var woken = await resumer.WakeOverdueAsync(queues.OverdueGrace, stoppingToken);
                if (woken > 0)
                {
                    LogWoken(woken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} sagas whose wake-up was overdue")]
    private partial void LogWoken(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overdue sweep failed: {Error}")]
    private partial void LogFailed(Exception exception, string error);
}
