using PaymentOrchestrator.Storage.Tables;

namespace PaymentOrchestrator.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void values_become_typed_odata_literals()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var at = new DateTimeOffset(2026, 11, 21, 23, 22, 56, TimeSpan.FromHours(1));

        var filter = TableFilter.Create(
            $"S eq {"it's"} and L eq {5_000_000_000L} and I eq {42} and D eq {2.0} and B eq {true} and T ge {at} and G eq {id} and X eq {new byte[] { 0xAB, 0x01 }} and N eq {null}");

        Assert.Equal(
            "S eq 'it''s' and L eq 5000000000L and I eq 42 and D eq 2.0 and B eq true and T ge datetime'2026-11-21T22:22:56.0000000Z' " +
            "and G eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' and X eq X'ab01' and N eq null",
            filter);
    }

    [Fact]
    public void utc_and_local_datetimes_are_written_in_utc()
    {
        var utc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        Assert.Equal("datetime'2026-01-02T03:04:05.0000000Z'", TableFilter.FormatLiteral(utc));
        Assert.Equal("datetime'2026-01-02T03:04:05.0000000Z'", TableFilter.FormatLiteral(utc.ToLocalTime()));
    }

    [Fact]
    public void unsupported_values_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.FormatLiteral(1.5m));
        Assert.Throws<ArgumentException>(() => TableFilter.FormatLiteral(double.NaN));
    }
}
