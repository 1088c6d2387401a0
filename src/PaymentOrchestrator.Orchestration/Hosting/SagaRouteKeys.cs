using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>The one reading of the query routes' <c>?kind=</c> and the one path of a saga's query route (the API's <c>Location</c>).</summary>
public static class SagaRouteKeys
{
    /// <summary>
    /// The optional kind filter of the query routes: null when absent (all kinds), else exactly <c>payment</c>,
    /// <c>agreement</c> or <c>charge</c> (Enum.TryParse would also take "Payment, Charge" in flags syntax, and "1").
    /// </summary>
    public static Validated<SagaKind?> ParseKindFilter(string? kind) => kind switch
    {
        null or "" => Validated<SagaKind?>.Ok(null),
        "payment" => Validated<SagaKind?>.Ok(SagaKind.Payment),
        "agreement" => Validated<SagaKind?>.Ok(SagaKind.Agreement),
        "charge" => Validated<SagaKind?>.Ok(SagaKind.Charge),
        _ => Validated<SagaKind?>.Fail("kind must be payment, agreement or charge."),
    };

    /// <summary>The query path of one saga, e.g. <c>/api/sales-units/123456/payments/order-1?kind=payment</c>.</summary>
    public static string PathOf(SagaKey key) =>
        "/" + OrchestratorNames.Routes.SalesUnitPayment
            .Replace("{msn}", key.Msn.Value, StringComparison.Ordinal)
            .Replace("{reference}", Uri.EscapeDataString(key.Id), StringComparison.Ordinal)
        + "?kind=" + key.Kind.ToString().ToLowerInvariant();
}
