using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// Schedules wake-ups as delayed messages on <c>wake-ups</c>: the visibility delay is the time left until the wake-up,
/// rounded up to whole seconds (never early), capped at <see cref="QueueSettings.MaxWakeUpDelay"/>; a capped message is
/// re-sent when it surfaces, until the time has come. Messages never expire.
/// </summary>
public sealed class WakeUpScheduler(QueueServiceClient queues, IOptions<LocalHostSettings> settings, TimeProvider time)
{
    private readonly QueueClient _queue = queues.GetQueueClient(settings.Value.Queues.WakeUps);

    /// <summary>Schedules a wake-up of <paramref name="key"/> at <paramref name="at"/> (now if it has passed).</summary>
    /// <param name="key">The saga.</param>
    /// <param name="at">When it wants to be woken (kept in the message: the handler knows which wake-up the saga awaits).</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <param name="minimumDelay">Surface no sooner than this (a saga that stays due without progress is not spun on).</param>
    public async Task ScheduleAsync(SagaKey key, DateTimeOffset at, CancellationToken cancellationToken = default, TimeSpan? minimumDelay = null)
    {
        var delay = DelayUntil(at);
        if (minimumDelay is { } minimum && delay < minimum)
        {
            delay = minimum;
        }

        await _queue.SendMessageAsync(WakeUpMessage.For(key, at).ToBinary(), delay, QueueLimits.NeverExpires, cancellationToken);
    }

    /// <summary>What every host path does after driving a saga: schedule its next wake-up, if it wants one.</summary>
    public Task AfterDriveAsync(SagaKey key, DateTimeOffset? nextWakeUpAt, CancellationToken cancellationToken = default) =>
        nextWakeUpAt is { } at ? ScheduleAsync(key, at, cancellationToken) : Task.CompletedTask;

    internal TimeSpan DelayUntil(DateTimeOffset at)
    {
        var left = at - time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var seconds = TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds));
        var cap = settings.Value.Queues.MaxWakeUpDelay;
        return seconds > cap ? cap : seconds;
    }
}
