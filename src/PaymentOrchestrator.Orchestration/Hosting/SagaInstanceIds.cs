using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// The Durable instance id of a saga's orchestration, derived from the saga key alone so that every trigger (Service
/// Bus, webhook, HTTP refund) addresses the same instance: <c>saga-{kind}-{msn}-{id}</c>, e.g.
/// <c>saga-payment-123456-order-10001</c>. Ids are at most 50 characters of <c>[A-Za-z0-9-]</c>, so an instance id is at
/// most 72 characters with no character that Azure Storage keys or URLs need escaped.
/// </summary>
public static class SagaInstanceIds
{
    private const string Prefix = "saga-";

    public static string For(SagaKey key) =>
        $"{Prefix}{key.Kind.ToString().ToLowerInvariant()}-{key.Msn.Value}-{key.Id}";

    /// <summary>Reads an instance id back into its saga key (for logs and tooling); false for anything else.</summary>
    public static bool TryParse(string? instanceId, out SagaKey key)
    {
        key = default;
        if (instanceId is null || !instanceId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = instanceId[Prefix.Length..].Split('-', 3);
        if (parts.Length != 3 || !Enum.TryParse<SagaKind>(parts[0], ignoreCase: true, out var kind)
            || !string.Equals(parts[0], kind.ToString().ToLowerInvariant(), StringComparison.Ordinal))
        {
            return false;
        }

        var msn = Msn.Create(parts[1]);
        var id = parts[2];
        var valid = kind switch
        {
            SagaKind.Payment => PaymentReference.Create(id).IsValid,
            SagaKind.Agreement => SubscriptionId.Create(id).IsValid,
            _ => ChargeId.Create(id).IsValid,
        };
        if (!msn.IsValid || !valid)
        {
            return false;
        }

        key = new SagaKey(kind, msn.Value, id);
        return true;
    }
}
