using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging;

namespace PaymentOrchestrator.Testing.Sagas;

/// <summary>The one way every test harness starts the in-process Durable Task host.</summary>
public static class DurableTestHosts
{
    /// <summary>
    /// Starts the host with <paramref name="register"/>'s orchestrators and activities. It picks a random port for its
    /// gRPC sidecar, which another process on this shared machine may take before it binds; a start that loses that
    /// race is tried again on another port (it failed a CI run once).
    /// </summary>
    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> register, ILoggerFactory? loggers = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(register, new DurableTaskTestHostOptions { LoggerFactory = loggers });
            }
            catch (IOException) when (attempt < 5)
            {
                // Kestrel: "Failed to bind to address …: address already in use".
            }
        }
    }
}
