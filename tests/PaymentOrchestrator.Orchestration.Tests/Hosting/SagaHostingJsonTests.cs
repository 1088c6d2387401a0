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
        var progress = new SagaProgress(Key, [command], true, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), false);

        var read = SagaHostingJson.ReadProgress(SagaHostingJson.Write(progress));

        Assert.Equal(progress with { Commands = [] }, read with { Commands = [] });
        Assert.Equal(command, Assert.Single(read.Commands));
    }

    [Fact]
    public void an_advance_and_a_saga_key_read_back_as_written()
    {
        var advance = new SagaAdvance(Key, true, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), false);

        Assert.Equal(advance, SagaHostingJson.ReadAdvance(SagaHostingJson.Write(advance)));
        Assert.Equal(Key, SagaHostingJson.ReadKey(SagaHostingJson.Write(Key)));
    }

    [Fact]
    public void nothing_is_not_a_progress()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => SagaHostingJson.ReadProgress(null));
    }
}
