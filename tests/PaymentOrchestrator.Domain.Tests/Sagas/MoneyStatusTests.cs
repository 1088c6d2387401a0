using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Tests.Sagas;

public sealed class MoneyStatusTests
{
    [Theory]
    [InlineData("Creating", 0, 0, 0, "Awaiting customer")]
    [InlineData("AwaitingCustomer", 0, 0, 0, "Awaiting customer")]
    [InlineData("Authorized", 0, 0, 0, "Authorized")]
    [InlineData("Authorized", 4_000, 0, 0, "Partly captured")]
    [InlineData("Authorized", 10_000, 0, 0, "Captured")]
    [InlineData("Authorized", 4_000, 0, 6_000, "Captured")]
    [InlineData("Authorized", 10_000, 2_500, 0, "Partly refunded")]
    [InlineData("Authorized", 10_000, 10_000, 0, "Refunded")]
    [InlineData("Authorized", 0, 0, 10_000, "Cancelled")]
    [InlineData("Terminated", 0, 0, 0, "Cancelled")]
    [InlineData("Aborted", 0, 0, 0, "Aborted")]
    [InlineData("Expired", 0, 0, 0, "Expired")]
    [InlineData("NeedsAttention", 10_000, 0, 0, "Needs attention")]
    public void Given_a_payment_when_its_money_status_is_read_then_it_follows_the_amounts(string status, long captured, long refunded, long cancelled, string expected) =>
        Assert.Equal(expected, MoneyStatus.Of(SagaKind.Payment, status, 10_000, captured, refunded, cancelled));

    [Fact]
    public void Given_every_state_of_every_kind_when_read_then_each_money_status_is_one_the_kind_offers()
    {
        foreach (var status in Enum.GetNames<EpaymentStatus>())
        {
            Assert.Contains(MoneyStatus.Of(SagaKind.Payment, status, 10_000, 0, 0, 0), MoneyStatus.Of(SagaKind.Payment));
        }

        foreach (var status in Enum.GetNames<AgreementStatus>())
        {
            Assert.Contains(MoneyStatus.Of(SagaKind.Agreement, status, null, null, null, null), MoneyStatus.Of(SagaKind.Agreement));
        }

        foreach (var status in Enum.GetNames<ChargeStatus>())
        {
            Assert.Contains(MoneyStatus.Of(SagaKind.Charge, status, 5_000, null, null, null), MoneyStatus.Of(SagaKind.Charge));
        }
    }

    [Theory]
    [InlineData(SagaKind.Agreement, "Pending", "Awaiting customer")]
    [InlineData(SagaKind.Agreement, "Active", "Active")]
    [InlineData(SagaKind.Charge, "PartiallyRefunded", "Partly refunded")]
    [InlineData(SagaKind.Charge, "Charged", "Charged")]
    [InlineData(SagaKind.Payment, "SomethingNew", "SomethingNew")]
    public void Given_agreements_charges_and_unknown_states_when_read_then_they_have_their_own_words(SagaKind kind, string status, string expected) =>
        Assert.Equal(expected, MoneyStatus.Of(kind, status, null, null, null, null));
}
