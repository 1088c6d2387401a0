namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>One of our operations and the Vipps entry that settles it, same kind, same amount.</summary>
/// <param name="Ours">Our operation.</param>
/// <param name="Theirs">Vipps' entry.</param>
/// <param name="ByPspReference">True when matched on Vipps' own id; false when on reference and amount.</param>
public sealed record MatchedOperation(ExecutedOperation Ours, SettlementEntry Theirs, bool ByPspReference);
