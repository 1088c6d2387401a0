namespace PaymentOrchestrator.VippsSimulator;

/// <summary>One status a product order reached, and when (simulator clock).</summary>
/// <param name="Status">A <see cref="ProductOrderStatus"/> value.</param>
/// <param name="At">When the order reached it.</param>
public sealed record ProductOrderStep(string Status, DateTimeOffset At);
