using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Orchestration.Tests.Hosting;

public sealed class SagaHostingJsonTests
{
    private static readonly SagaKey Key = SagaKey.Payment(Msn.Create("123456").Value, PaymentReference.Create("order-10001").Value);

    [Fact]
    public void progress_with_commands_reads_back_as_written()
    {
        var command = new GetPayment(Key, IdempotencyKey.Derive("get", 3, Key), PaymentReference.Create(Key.Id).Value);
        var progress = new SagaProgress(Key, [command], true, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), false, 2, 5);

        var read = SagaHostingJson.ReadProgress(SagaHostingJson.Write(progress));

        Assert.Equal(progress with { Commands = [] }, read with { Commands = [] });
        Assert.Equal(command, Assert.Single(read.Commands));
    }

    [Fact]
    public void a_command_result_reads_back_as_its_own_input_type()
    {
        var result = new CommandFailedTransient(IdempotencyKey.Derive("capture", 1, Key), new VippsProblem(503, null, "Service Unavailable"));

        var read = SagaHostingJson.ReadApply(SagaHostingJson.Write(new ApplyRequest(Key, result)));

        Assert.Equal(Key, read.Key);
        Assert.Equal(result, read.Input);
    }

    [Fact]
    public void a_wake_up_request_names_the_saga()
    {
        var read = SagaHostingJson.ReadApply(SagaHostingJson.WakeUp(Key));

        Assert.Equal(Key, read.Key);
        Assert.IsType<WakeUp>(read.Input);
        Assert.Equal(Key, SagaHostingJson.ReadKey(SagaHostingJson.Write(Key)));
    }

    [Fact]
    public void nothing_is_not_a_progress()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => SagaHostingJson.ReadProgress(null));
    }
}
