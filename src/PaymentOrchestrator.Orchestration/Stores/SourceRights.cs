namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// What a source bound to a sales unit may do (<see cref="SourceRightsRules"/> maps event types and reads onto these).
/// A webshop places orders and subscriptions; finance refunds, reads and reconciles.
/// </summary>
[Flags]
public enum SourceRights
{
    None = 0,
    Payments = 1,
    Captures = 2,
    Cancels = 4,
    Refunds = 8,
    Agreements = 16,
    Charges = 32,
    Reads = 64,

    /// <summary>Run the reconciliation of a ledger date now (the console's "Reconcile now"); the daily job needs none.</summary>
    Reconciles = 128,

    Webshop = Payments | Captures | Cancels | Agreements | Charges,
    Finance = Refunds | Reads | Reconciles,
    All = Webshop | Finance,
}
