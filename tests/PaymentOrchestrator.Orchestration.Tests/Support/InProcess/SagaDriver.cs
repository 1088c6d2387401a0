using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Hosting;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Tests.Support.InProcess;

/// <summary>
/// TEST-ONLY: the in-house engine the local host used before it ran sagas on the Durable Task Framework, kept to drive
/// the orchestration core in-process in the core-level tests, chaos suite and benchmarks (no host runs it).
/// Drives a saga as far as it can go now: apply the input, execute the commands it hands out (each with its stored
/// key), apply their results, and repeat until nothing is pending; publish outcomes after each save and then mark
/// them published. What is left is a wake-up time. Every step is idempotent, so a crash anywhere is repaired by
/// driving again (a wake-up, a redelivered message or a restart).
/// </summary>
public sealed partial class SagaDriver(
    SagaRunner runner,
    ICommandExecutor executor,
    IOutcomePublisher publisher,
    SagaStore store,
    ILogger<SagaDriver> logger)
{
    public async Task<DriveResult> DriveAsync(
        SagaKey key, SagaInput input, EventOrigin? origin = null, CancellationToken cancellationToken = default)
    {
        var first = await runner.ApplyAsync(key, input, origin, cancellationToken);
        var published = new List<OutgoingEvent>();

        // A drive publishes what it decided itself. Outcomes left unpublished by an earlier drive (it crashed between
        // saving and publishing) are published on a wake-up — the recovery path — so overlapping drives of one saga
        // (a webhook and a queue message) do not both publish the same outcome.
        var recovering = input is WakeUp;
        await PublishAsync(key, recovering ? await store.ListUnpublishedOutcomesAsync(key, 99, cancellationToken) : first.NewOutcomes, published, cancellationToken);

        var current = first;
        var executed = 0;
        while (current.Commands.Count > 0 && executed < SagaOrchestrationPolicy.MaxCommandsPerTurn)
        {
            var command = current.Commands[0];
            LogExecuting(key, command.Operation, command.Key.Value);
            var result = await executor.ExecuteAsync(command, cancellationToken);
            executed++;
            current = await runner.ApplyAsync(key, result, null, cancellationToken);
            await PublishAsync(key, recovering ? await store.ListUnpublishedOutcomesAsync(key, 99, cancellationToken) : current.NewOutcomes, published, cancellationToken);
        }

        if (current.Commands.Count > 0)
        {
            LogYielded(key, executed);
        }

        return new DriveResult(first.Status, first.Rejection, current.State, current.NextWakeUpAt, published, executed);
    }

    /// <summary>
    /// Executes what a hand-off gave out (<see cref="SagaProgress.Commands"/>, e.g. a webhook's read-back) as the
    /// orchestration would, until nothing is pending; the result reports the saga's state afterwards.
    /// </summary>
    public async Task<DriveResult> ContinueAsync(SagaProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var published = new List<OutgoingEvent>();
        var commands = progress.Commands;
        var executed = 0;
        while (commands.Count > 0 && executed < SagaOrchestrationPolicy.MaxCommandsPerTurn)
        {
            var result = await executor.ExecuteAsync(commands[0], cancellationToken);
            executed++;
            var current = await runner.ApplyAsync(progress.Key, result, null, cancellationToken);
            await PublishAsync(progress.Key, current.NewOutcomes, published, cancellationToken);
            commands = current.Commands;
        }

        var stored = await store.LoadAsync(progress.Key, cancellationToken) ?? throw new InvalidOperationException($"No saga {progress.Key}.");
        return new DriveResult(ApplyStatus.Applied, null, stored.State, stored.NextWakeUpAt, published, executed);
    }

    private async Task PublishAsync(
        SagaKey key, IReadOnlyList<OutgoingEvent> outcomes, List<OutgoingEvent> published, CancellationToken cancellationToken)
    {
        var fresh = outcomes.Where(o => published.TrueForAll(p => p.Id != o.Id)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        foreach (var outcome in fresh)
        {
            await publisher.PublishAsync(outcome, cancellationToken);
            published.Add(outcome);
        }

        await store.MarkPublishedAsync(key, fresh.Select(o => o.Id).ToHashSet(StringComparer.Ordinal), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saga {SagaKey}: executing {Operation} with key {IdempotencyKey}")]
    private partial void LogExecuting(SagaKey sagaKey, string operation, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saga {SagaKey}: stopped after {Executed} commands in one drive; the next wake-up continues")]
    private partial void LogYielded(SagaKey sagaKey, int executed);
}
