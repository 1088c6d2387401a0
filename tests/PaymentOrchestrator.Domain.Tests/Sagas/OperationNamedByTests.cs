using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Tests.Support;

namespace PaymentOrchestrator.Domain.Tests.Sagas;

/// <summary>
/// Which operation row a decision reads (<see cref="SagaDeciders.OperationNamedBy"/>): none before the saga accepted an
/// operation of that kind — rows are written exactly when one is accepted — and the one the request names after.
/// </summary>
public sealed class OperationNamedByTests
{
    private static readonly EpaymentState New = EpaymentState.New(Samples.PaymentKey);

    [Fact]
    public void the_first_capture_or_refund_reads_no_row_because_none_can_exist()
    {
        Assert.Null(SagaDeciders.OperationNamedBy(New, Samples.Capture("ship-1", 1_000)));
        Assert.Null(SagaDeciders.OperationNamedBy(New with { CaptureCount = 2 }, Samples.Refund("ret-1", 500)));
    }

    [Fact]
    public void once_one_of_its_kind_was_accepted_the_named_operation_is_read_to_recognise_a_repeat()
    {
        Assert.Equal((OperationKind.Capture, "ship-1"), SagaDeciders.OperationNamedBy(New with { CaptureCount = 1 }, Samples.Capture("ship-1", 1_000)));
        Assert.Equal((OperationKind.Refund, "ret-2"), SagaDeciders.OperationNamedBy(New with { CaptureCount = 1, RefundCount = 1 }, Samples.Refund("ret-2", 500)));
    }
}
