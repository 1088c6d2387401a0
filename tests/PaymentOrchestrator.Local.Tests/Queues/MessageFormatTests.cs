using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Queues;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Local.Tests.Queues;

public sealed class MessageFormatTests
{
    [Fact]
    public void a_wake_up_message_round_trips_and_names_its_saga()
    {
        var key = SagaKey.Payment(Msn.Create("123456").Value, PaymentReference.Create("order-12345678").Value);
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        var parsed = WakeUpMessage.TryParse(WakeUpMessage.For(key, at).ToBinary());

        Assert.Equal(key, parsed!.Key);
        Assert.Equal(at, parsed.At);
    }

    [Fact]
    public void a_wake_up_naming_no_valid_saga_has_no_key_and_garbage_does_not_parse()
    {
        Assert.Null(WakeUpMessage.TryParse(BinaryData.FromString("{\"kind\":\"Payment\",\"msn\":\"12\",\"id\":\"x\",\"at\":\"2026-01-01T00:00:00Z\"}"))!.Key);
        Assert.Null(WakeUpMessage.TryParse(BinaryData.FromString("not json")));
    }

    [Fact]
    public void a_poison_wrapper_keeps_text_as_text_and_other_bytes_as_base64()
    {
        var now = DateTimeOffset.UnixEpoch;
        var text = PoisonMessage.Create("q", BinaryData.FromString("{\"a\":\"ø\"}"), "R", "D", "m1", 3, null, now);
        var binary = PoisonMessage.Create("q", BinaryData.FromBytes([0xff, 0x00]), "R", "D", "m2", 1, null, now);

        Assert.Equal(("utf-8", "{\"a\":\"ø\"}"), (text.OriginalEncoding, text.OriginalMessage));
        Assert.Equal("base64", binary.OriginalEncoding);
        Assert.Equal(new byte[] { 0xff, 0x00 }, PoisonMessage.TryParse(binary.ToBinary())!.Original().ToArray());
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0.2, 1)]
    [InlineData(61.5, 62)]
    public void wake_ups_are_delayed_to_the_next_whole_second_never_early(double secondsAhead, double expectedDelay)
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var scheduler = new WakeUpScheduler(new StorageClients("UseDevelopmentStorage=true").Queues, Options.Create(new LocalHostSettings()), clock);

        Assert.Equal(TimeSpan.FromSeconds(expectedDelay), scheduler.DelayUntil(clock.GetUtcNow().AddSeconds(secondsAhead)));
    }

    [Fact]
    public void a_wake_up_further_away_than_storage_can_delay_is_capped_and_chained()
    {
        var clock = new FixedClock(DateTimeOffset.UnixEpoch);
        var settings = new LocalHostSettings();
        var scheduler = new WakeUpScheduler(new StorageClients("UseDevelopmentStorage=true").Queues, Options.Create(settings), clock);

        Assert.Equal(settings.Queues.MaxWakeUpDelay, scheduler.DelayUntil(clock.GetUtcNow().AddDays(180)));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
