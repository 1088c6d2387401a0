using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>The one reading of the query routes' <c>?kind=</c> and the one path of a saga's query route (the API's <c>Location</c>).</summary>
public static class SagaRouteKeys
{
    /// <summary>The saga kind from <c>?kind=payment|agreement|charge</c>; payment when absent.</summary>
    private static Validated<SagaKind> ParseKind(string? kind) =>
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
}
