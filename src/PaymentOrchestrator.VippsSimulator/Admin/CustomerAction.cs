namespace PaymentOrchestrator.VippsSimulator.Admin;

internal enum CustomerAction
{
    Approve,
    Reject,
    Expire,

    /// <summary>The customer declines to share the details the scope asks for: the payment or agreement fails.</summary>
    Decline,
}
