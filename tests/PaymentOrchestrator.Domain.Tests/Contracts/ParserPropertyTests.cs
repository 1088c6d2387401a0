using System.Text;
using FsCheck.Xunit;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Tests.Support;

namespace PaymentOrchestrator.Domain.Tests.Contracts;

public class ParserPropertyTests
{
    [Property(MaxTest = 500)]
    public void arbitrary_bytes_are_parsed_or_rejected_never_thrown(byte[] bytes)
    {
        var result = IncomingEventParser.Parse(bytes ?? [], 4096);

        Assert.True(result is Parsed or Rejected);
    }

    [Property(MaxTest = 500)]
    public void a_valid_event_cut_or_corrupted_anywhere_is_parsed_or_rejected_never_thrown(int typeSeed, int position, char replacement)
    {
        var types = EventSamples.Types.ToArray();
        var json = EventSamples.Json(types[(int)((uint)typeSeed % types.Length)]);
        var at = (int)((uint)position % json.Length);

        var corrupted = json[..at] + replacement + json[(at + 1)..];
        var cut = json[..at];

        Assert.True(IncomingEventParser.Parse(Encoding.UTF8.GetBytes(corrupted), 1 << 16) is Parsed or Rejected);
        Assert.IsType<Rejected>(IncomingEventParser.Parse(Encoding.UTF8.GetBytes(cut), 1 << 16));
    }
}
