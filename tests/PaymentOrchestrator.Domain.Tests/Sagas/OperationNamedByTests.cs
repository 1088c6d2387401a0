using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Tests.Sagas;

/// <summary>
/// Which operation row a decision reads (<see cref="SagaDeciders.OperationNamedBy"/>): none before the saga accepted an
/// operation of that kind — rows are written exactly when one is accepted — and the one the request names after.
/// </summary>
public sealed class OperationNamedByTests
{
    private static readonly Msn Msn = Msn.Create("123456").Value;
    private static readonly PaymentReference Reference = PaymentReference.Create("order-0001").Value;
    private static readonly EpaymentState New = EpaymentState.New(SagaKey.Payment(Msn, Reference));

    private static PaymentCaptureRequested Capture(string id) => new(Msn, Reference, id, new Money(1_000, Currency.NOK));

    private static PaymentRefundRequested Refund(string id) => new(Msn, Reference, id, new Money(500, Currency.NOK), "returned", "finance");

    [Fact]
    public void the_first_capture_or_refund_reads_no_row_because_none_can_exist()
    {
        Assert.Null(SagaDeciders.OperationNamedBy(New, Capture("ship-1")));
        Assert.Null(SagaDeciders.OperationNamedBy(New with { CaptureCount = 2 }, Refund("ret-1")));
    }

    [Fact]
    public void once_one_of_its_kind_was_accepted_the_named_operation_is_read_to_recognise_a_repeat()
    {
        Assert.Equal((OperationKind.Capture, "ship-1"), SagaDeciders.OperationNamedBy(New with { CaptureCount = 1 }, Capture("ship-1")));
        Assert.Equal((OperationKind.Refund, "ret-2"), SagaDeciders.OperationNamedBy(New with { CaptureCount = 1, RefundCount = 1 }, Refund("ret-2")));
    }
}
