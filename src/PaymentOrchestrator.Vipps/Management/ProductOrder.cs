namespace PaymentOrchestrator.Vipps.Management;

/// <summary>
/// A created product order (management-v1.yaml <c>ProductOrderResponse</c>). Send <see cref="PrefillUrl"/> to the
/// merchant; the order's id is for support. The spec has no released way to read an order's status (that endpoint is
/// an "Ideas" proposal): the merchant's new sales unit shows up in
/// <see cref="VippsManagementClient.ListMerchantSalesUnitsAsync"/> when the order is completed.
/// </summary>
/// <param name="PrefilledOrderId">The order's id (a UUID).</param>
/// <param name="PrefillUrl">The portal page where the merchant reviews and submits the order.</param>
public sealed record ProductOrder(string? PrefilledOrderId, Uri? PrefillUrl);
