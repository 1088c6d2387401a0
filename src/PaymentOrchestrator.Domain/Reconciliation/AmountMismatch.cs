namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>One of our operations and the Vipps entry for it, whose amount (or currency) differs from ours.</summary>
/// <param name="Ours">Our operation.</param>
/// <param name="Theirs">Vipps' entry.</param>
/// <param name="Difference">Vipps' amount minus ours, in minor units (currency mismatches give the plain difference too).</param>
public sealed record AmountMismatch(ExecutedOperation Ours, SettlementEntry Theirs, long Difference);
