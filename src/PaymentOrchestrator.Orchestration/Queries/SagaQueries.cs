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

        // Summary and state come from the same row read: a view never pairs a newer status with an older state.
        var timeline = await store.TimelineAsync(key, cancellationToken);
        using var state = JsonDocument.Parse(SagaStateJson.Serialize(stored.State));
        return new SagaView(stored.Summary, state.RootElement.Clone(), timeline);
    }
}
