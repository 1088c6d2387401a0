namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// What a source bound to a sales unit may do (<see cref="SourceRightsRules"/> maps event types and reads onto these).
/// A webshop places orders and subscriptions; finance refunds and reads.
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

    Webshop = Payments | Captures | Cancels | Agreements | Charges,
    Finance = Refunds | Reads,
    All = Webshop | Finance,
}
