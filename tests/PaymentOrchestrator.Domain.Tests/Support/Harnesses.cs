using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;

namespace PaymentOrchestrator.Domain.Tests.Support;

public static class Harnesses
{
    public static SagaHarness<EpaymentState> Epayment(EpaymentDecider? decider = null)
    {
        var d = decider ?? new EpaymentDecider();
        return new SagaHarness<EpaymentState>(d.Decide, EpaymentDecider.Evolve, EpaymentState.New(Samples.PaymentKey));
    }

    public static SagaHarness<AgreementState> Agreement(AgreementDecider? decider = null)
    {
        var d = decider ?? new AgreementDecider();
        return new SagaHarness<AgreementState>((state, input, now, _) => d.Decide(state, input, now), AgreementDecider.Evolve, AgreementState.New(Samples.AgreementKey));
    }

    public static SagaHarness<ChargeState> Charge(ChargeDecider? decider = null)
    {
        var d = decider ?? new ChargeDecider();
        return new SagaHarness<ChargeState>(d.Decide, ChargeDecider.Evolve, ChargeState.New(Samples.ChargeKey));
    }
}
