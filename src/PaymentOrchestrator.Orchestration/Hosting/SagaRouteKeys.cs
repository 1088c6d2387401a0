using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>Reads the route values of the query endpoints: <c>{msn}</c>, <c>{reference}</c> and an optional <c>?kind=</c>.</summary>
public static class SagaRouteKeys
{
    public static Validated<Msn> ParseMsn(string? msn) => Msn.Create(msn);

    /// <summary>The saga kind from <c>?kind=payment|agreement|charge</c>; payment when absent.</summary>
    public static Validated<SagaKind> ParseKind(string? kind) =>
        string.IsNullOrEmpty(kind) ? Validated<SagaKind>.Ok(SagaKind.Payment)
        : Enum.TryParse<SagaKind>(kind, ignoreCase: true, out var k) && !int.TryParse(kind, out _) ? Validated<SagaKind>.Ok(k)
        : Validated<SagaKind>.Fail($"kind must be payment, agreement or charge, got '{kind}'.");

    /// <summary>The optional kind filter of the list endpoint: null when absent (all kinds).</summary>
    public static Validated<SagaKind?> ParseKindFilter(string? kind)
    {
        if (string.IsNullOrEmpty(kind))
        {
            return Validated<SagaKind?>.Ok(null);
        }

        var parsed = ParseKind(kind);
        return parsed.IsValid ? Validated<SagaKind?>.Ok(parsed.Value) : Validated<SagaKind?>.Fail(parsed.Error!);
    }

    /// <summary>The query path of one saga, e.g. <c>/api/sales-units/123456/payments/order-1?kind=payment</c>.</summary>
    public static string PathOf(SagaKey key) =>
        "/" + OrchestratorNames.Routes.SalesUnitPayment
            .Replace("{msn}", key.Msn.Value, StringComparison.Ordinal)
            .Replace("{reference}", Uri.EscapeDataString(key.Id), StringComparison.Ordinal)
        + "?kind=" + key.Kind.ToString().ToLowerInvariant();

    /// <summary>The saga named by <c>/api/sales-units/{msn}/payments/{reference}?kind=</c>.</summary>
    public static Validated<SagaKey> Parse(string? msn, string? reference, string? kind)
    {
        var m = ParseMsn(msn);
        if (!m.IsValid)
        {
            return Validated<SagaKey>.Fail(m.Error!);
        }

        var k = ParseKind(kind);
        if (!k.IsValid)
        {
            return Validated<SagaKey>.Fail(k.Error!);
        }

        return k.Value switch
        {
            SagaKind.Payment => PaymentReference.Create(reference) is { IsValid: true } r
                ? Validated<SagaKey>.Ok(SagaKey.Payment(m.Value, r.Value)) : Validated<SagaKey>.Fail(PaymentReference.Create(reference).Error!),
            SagaKind.Agreement => SubscriptionId.Create(reference) is { IsValid: true } s
                ? Validated<SagaKey>.Ok(SagaKey.Agreement(m.Value, s.Value)) : Validated<SagaKey>.Fail(SubscriptionId.Create(reference).Error!),
            _ => ChargeId.Create(reference) is { IsValid: true } c
                ? Validated<SagaKey>.Ok(SagaKey.Charge(m.Value, c.Value)) : Validated<SagaKey>.Fail(ChargeId.Create(reference).Error!),
        };
    }
}
