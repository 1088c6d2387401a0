namespace PaymentOrchestrator.VippsSimulator.Admin;

internal enum CustomerAction
{
    Approve,
    Reject,
    Expire,
}
