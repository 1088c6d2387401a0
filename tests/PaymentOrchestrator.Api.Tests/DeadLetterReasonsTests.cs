using PaymentOrchestrator.Api.DeadLetters;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Orchestration.Intake;

namespace PaymentOrchestrator.Api.Tests;

/// <summary>Which dead letters a replay can help.</summary>
public sealed class DeadLetterReasonsTests
{
    [Theory]
    [InlineData(IntakeRejectionCodes.PaymentsNotAllowed)]
    [InlineData(IntakeRejectionCodes.RecurringNotAllowed)]
    [InlineData(IntakeRejectionCodes.SkipLandingPageNotAllowed)]
    [InlineData(IntakeRejectionCodes.SourceNotBound)]
    public void a_refusal_a_registration_can_lift_is_not_permanent(string reason) =>
        Assert.False(DeadLetterReasons.IsPermanent(reason));

    [Theory]
    [InlineData(IntakeRejectionCodes.CurrencyMismatch)]
    [InlineData(EpaymentDecider.CapturedDirectlyCode)]
    public void a_refusal_of_the_message_itself_is_permanent(string reason) =>
        Assert.True(DeadLetterReasons.IsPermanent(reason));
}
