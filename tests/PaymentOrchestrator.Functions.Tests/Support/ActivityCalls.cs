using System.Collections.Concurrent;

namespace PaymentOrchestrator.Functions.Tests.Support;

/// <summary>
/// Counts the activity invocations the Durable worker makes (each retry is one) and how many of them threw, so a test
/// can wait for "the activity failed all its attempts" instead of for a length of time.
/// </summary>
internal sealed class ActivityCalls
{
    private readonly ConcurrentDictionary<string, int> _started = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failed = new(StringComparer.Ordinal);

    public int Started(string activity) => _started.GetValueOrDefault(activity);

    public int Failed(string activity) => _failed.GetValueOrDefault(activity);

    public async Task<T> TrackAsync<T>(string activity, Func<Task<T>> run)
    {
        _started.AddOrUpdate(activity, 1, (_, n) => n + 1);
        try
        {
            return await run();
        }
        catch
        {
            _failed.AddOrUpdate(activity, 1, (_, n) => n + 1);
            throw;
        }
    }
}
