using System.Text.Json;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Queries;

namespace PaymentOrchestrator.Local.Demo;

/// <summary>Waits, by polling the saga store, until a saga reaches a condition (or a generous limit passes).</summary>
public sealed class SagaWatcher(SagaQueries queries)
{
    public async Task<SagaView> WaitAsync(SagaKey key, Func<SagaView, bool> condition, string what, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        SagaView? last = null;
        try
        {
            while (true)
            {
                last = await queries.GetAsync(key, limit.Token);
                if (last is not null && condition(last))
                {
                    return last;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), limit.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Saga {key} did not reach '{what}' within {timeout.TotalSeconds:0} s; it is {last?.Summary.Status ?? "not created"}.");
        }
    }

    /// <summary>A string property of the saga's stored state (camelCase), or null.</summary>
    public static string? StateText(SagaView view, string property)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.State.ValueKind == JsonValueKind.Object && view.State.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }
}
