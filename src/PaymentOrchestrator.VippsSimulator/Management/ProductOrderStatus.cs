namespace PaymentOrchestrator.VippsSimulator;

/// <summary>
/// The statuses a simulated product order moves through, in order (management-v1.yaml <c>prefillStatus</c>, without
/// <c>ACCESSED</c>, which the simulator never sets: it serves no portal). The admin endpoint moves an order forward.
/// </summary>
public static class ProductOrderStatus
{
    /// <summary>The partner's pre-filled order has arrived (where every order starts).</summary>
    public const string Received = "RECEIVED";

    /// <summary>Vipps is processing it.</summary>
    public const string Processing = "PROCESSING";

    /// <summary>Vipps waits for the merchant (to submit, sign or answer).</summary>
    public const string WaitingForMerchant = "WAITING_FOR_MERCHANT";

    /// <summary>Done: the new sales unit exists and is linked to the partner.</summary>
    public const string Completed = "COMPLETED";

    /// <summary>Every status, in the order an order passes them.</summary>
    public static IReadOnlyList<string> InOrder { get; } = [Received, Processing, WaitingForMerchant, Completed];
}
