namespace PaymentOrchestrator.Domain.Values;

/// <summary>
/// Names one saga: the sales unit (MSN) plus the payment reference, the webshop's subscription id or the charge id.
/// Ids are unique per MSN only, so the MSN is always part of the key.
/// </summary>
public readonly record struct SagaKey(SagaKind Kind, Msn Msn, string Id)
{
    public static SagaKey Payment(Msn msn, PaymentReference reference) => new(SagaKind.Payment, msn, reference.Value);

    public static SagaKey Agreement(Msn msn, SubscriptionId subscriptionId) =>
        new(SagaKind.Agreement, msn, subscriptionId.Value);

    public static SagaKey Charge(Msn msn, ChargeId chargeId) => new(SagaKind.Charge, msn, chargeId.Value);

    /// <summary>A row key within the MSN's partition, e.g. <c>payment:order-10001</c>.</summary>
    public string RowKey => $"{Kind.ToString().ToLowerInvariant()}:{Id}";

    public override string ToString() => $"{Msn}/{RowKey}";
}
