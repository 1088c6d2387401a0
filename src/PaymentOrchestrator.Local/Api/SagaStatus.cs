using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Local.Api;

/// <summary>A saga state's status name, as the listing shows it.</summary>
public static class SagaStatus
{
    public static string Of(ISagaState state) => state switch
    {
        EpaymentState p => p.Status.ToString(),
        AgreementState a => a.Status.ToString(),
        ChargeState c => c.Status.ToString(),
        _ => "Unknown",
    };
}
