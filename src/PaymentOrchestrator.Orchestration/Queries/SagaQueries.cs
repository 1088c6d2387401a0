using System.Text.Json;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>Read side for the HTTP API and the CLI: a sales unit's sagas, and one saga with its timeline.</summary>
public sealed class SagaQueries(SagaStore store)
{
    public Task<IReadOnlyList<SagaSummary>> ListAsync(Msn msn, SagaKind? kind = null, CancellationToken cancellationToken = default) =>
        store.ListAsync(msn, kind, cancellationToken);

    /// <summary>The saga with its timeline, or null when it does not exist.</summary>
    public async Task<SagaView?> GetAsync(SagaKey key, CancellationToken cancellationToken = default)
    {
        var stored = await store.LoadAsync(key, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var timeline = await store.TimelineAsync(key, cancellationToken);
        var summary = (await store.ListAsync(key.Msn, key.Kind, cancellationToken)).FirstOrDefault(s => s.Id == key.Id)
                      ?? new SagaSummary(key.Kind, key.Id, SagaStore.StatusOf(stored.State), stored.State.IsFinished, null, null, null, null, null,
                          stored.NextWakeUpAt, stored.CreatedAt, stored.CreatedAt);
        using var state = JsonDocument.Parse(SagaStateJson.Serialize(stored.State));
        return new SagaView(summary, state.RootElement.Clone(), timeline);
    }
}
