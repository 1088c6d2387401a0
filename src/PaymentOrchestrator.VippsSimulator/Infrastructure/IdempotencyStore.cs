using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

internal enum IdempotencyOutcome
{
    /// <summary>Key not seen: execute and store.</summary>
    Fresh,

    /// <summary>Same key, same operation, same target, same body: answer the stored response.</summary>
    Replay,

    /// <summary>Same key and operation/target but a different body.</summary>
    BodyConflict,

    /// <summary>The key was used for another operation or another resource.</summary>
    KeyReused,
}

/// <summary>
/// Stored answers per idempotency key, as Vipps documents it: same key + same body gives the same answer (a stored 4xx
/// too); same key + different body gives 409. Scope is the API and sales unit, so two merchants may use the same key.
/// Callers hold the simulator state lock around check-execute-store, so the store itself needs no lock of its own
/// beyond protecting the dictionary.
/// </summary>
internal sealed class IdempotencyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Scope, string Key), Entry> _entries = [];

    public (IdempotencyOutcome Outcome, ApiResponse? Stored) Check(string scope, string key, string operation, string target, string? body)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue((scope, key), out var entry))
            {
                return (IdempotencyOutcome.Fresh, null);
            }

            if (entry.Operation != operation || entry.Target != target)
            {
                return (IdempotencyOutcome.KeyReused, null);
            }

            return SameBody(entry.Body, body) ? (IdempotencyOutcome.Replay, entry.Response) : (IdempotencyOutcome.BodyConflict, null);
        }
    }

    public void Store(string scope, string key, string operation, string target, string? body, ApiResponse response)
    {
        lock (_gate)
        {
            _entries[(scope, key)] = new Entry(operation, target, body, response);
        }
    }

    internal IReadOnlyList<IdempotencyRecord> Export()
    {
        lock (_gate)
        {
            return [.. _entries.Select(e => new IdempotencyRecord(e.Key.Scope, e.Key.Key, e.Value.Operation, e.Value.Target, e.Value.Body, e.Value.Response))];
        }
    }

    internal void Import(IEnumerable<IdempotencyRecord> records)
    {
        lock (_gate)
        {
            _entries.Clear();
            foreach (var r in records)
            {
                _entries[(r.Scope, r.Key)] = new Entry(r.Operation, r.Target, r.Body, r.Response);
            }
        }
    }

    /// <summary>Bodies are compared as JSON values, so whitespace and property order do not matter.</summary>
    internal static bool SameBody(string? first, string? second)
    {
        if (string.IsNullOrWhiteSpace(first) || string.IsNullOrWhiteSpace(second))
        {
            return string.IsNullOrWhiteSpace(first) == string.IsNullOrWhiteSpace(second);
        }

        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(first), JsonNode.Parse(second));
        }
        catch (JsonException)
        {
            return string.Equals(first, second, StringComparison.Ordinal);
        }
    }

    private sealed record Entry(string Operation, string Target, string? Body, ApiResponse Response);
}

/// <summary>One stored answer, as the state file keeps it.</summary>
internal sealed record IdempotencyRecord(string Scope, string Key, string Operation, string Target, string? Body, ApiResponse Response);
