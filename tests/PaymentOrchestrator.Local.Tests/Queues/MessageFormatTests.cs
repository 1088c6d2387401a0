using PaymentOrchestrator.Local.Queues;

namespace PaymentOrchestrator.Local.Tests.Queues;

public sealed class MessageFormatTests
{
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
}
