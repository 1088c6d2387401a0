using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>
/// Read side for the HTTP API and the CLI: a sales unit's sagas, and one saga with its timeline and every capture and
/// refund (in the view's state as <c>captures</c> and <c>refunds</c>, as the console reads them). A customer's phone
/// number shows only its last two digits (<see cref="PersonalData"/>).
/// </summary>
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
        var state = JsonNode.Parse(SagaStateJson.Serialize(stored.State))!.AsObject();
        if (key.Kind != SagaKind.Agreement)
        {
            // The state keeps only the operations in flight; the view lists every one, from their own rows.
            var operations = await store.ListOperationsAsync(key, cancellationToken);
            state["captures"] = JsonSerializer.SerializeToNode(operations.Captures, SagaStateJson.Options);
            state["refunds"] = JsonSerializer.SerializeToNode(operations.Refunds, SagaStateJson.Options);
        }

        _ = PersonalData.MaskPhoneNumbers(state);
        var shown = timeline.Select(e => e with { Detail = PersonalData.MaskPhoneNumbers(e.Detail) }).ToList();
        return new SagaView(stored.Summary, JsonSerializer.SerializeToElement(state, SagaStateJson.Options), shown);
    }
}
