using PaymentOrchestrator.Local.Queues;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>
/// The engine's activities running at once, against <c>Local:Durable:MaxConcurrentActivities</c>: the backend runs no
/// more than that, so while every slot is taken the next saga step waits for one (<see cref="IWorkCapacity"/>).
/// Counted by <see cref="DurableEngine"/> around each activity it runs.
/// </summary>
public sealed class ActivitySlots : IWorkCapacity
{
    private readonly int _slots;
    private int _running;
    private TaskCompletionSource _freed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ActivitySlots(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _slots = slots;
    }

    public int Running => Volatile.Read(ref _running);

    public Task Room
    {
        get
        {
            // The signal is taken before the count is read: a slot freed in between completes the signal taken.
            var freed = Volatile.Read(ref _freed).Task;
            return Running < _slots ? Task.CompletedTask : freed;
        }
    }

    /// <summary>Runs <paramref name="activity"/> in a slot.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Interlocked.Increment(ref _running);
        try
        {
            return await activity();
        }
        finally
        {
            // Only the end that makes room signals (and allocates the next signal): not every activity's.
            if (Interlocked.Decrement(ref _running) == _slots - 1)
            {
                Interlocked.Exchange(ref _freed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
    }
}
