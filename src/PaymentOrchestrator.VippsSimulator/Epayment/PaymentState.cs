namespace PaymentOrchestrator.VippsSimulator.Epayment;

#pragma warning disable CA1707 // The names are the wire values of ePayment's State enum.
internal enum PaymentState
{
    CREATED,
    AUTHORIZED,
    ABORTED,
    EXPIRED,
    TERMINATED,
}
#pragma warning restore CA1707
