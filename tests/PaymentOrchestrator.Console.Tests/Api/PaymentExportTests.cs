using PaymentOrchestrator.Orchestration.Queries;

namespace PaymentOrchestrator.Console.Tests.Api;

/// <summary>The export's cells (<see cref="PaymentExport"/>): formula-safe, quoted when they must be, amounts per separator.</summary>
public sealed class PaymentExportTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+47 99 99 99 99", "'+47 99 99 99 99")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("Returned goods", "Returned goods")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("a,b", "a,b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void a_cell_a_spreadsheet_would_run_is_text_and_a_cell_with_the_separator_quote_or_line_break_is_quoted(string? text, string cell) =>
        Assert.Equal(cell, PaymentExport.Cell(text, CsvSeparator.Semicolon));

    [Fact]
    public void with_commas_a_comma_is_quoted_and_a_semicolon_is_not() =>
        Assert.Equal(("\"a,b\"", "a;b"), (PaymentExport.Cell("a,b", CsvSeparator.Comma), PaymentExport.Cell("a;b", CsvSeparator.Comma)));

    [Theory]
    [InlineData(123_450L, "1234,50", "1234.50")]
    [InlineData(5L, "0,05", "0.05")]
    [InlineData(0L, "0,00", "0.00")]
    [InlineData(100_000_000_00L, "100000000,00", "100000000.00")]
    public void amounts_are_major_units_with_two_decimals_a_comma_with_semicolons_and_a_point_with_commas_never_grouped(long minor, string semicolon, string comma) =>
        Assert.Equal((semicolon, comma), (PaymentExport.Amount(minor, CsvSeparator.Semicolon), PaymentExport.Amount(minor, CsvSeparator.Comma)));

    [Theory]
    [InlineData("2026-12-01", "2026-12-01")]
    [InlineData("2026-12-08", "2026-12-01")]
    [InlineData("2025-01-01", "2026-12-01")]
    public void a_range_that_is_empty_backwards_or_over_366_days_is_refused(string from, string to) =>
        Assert.NotNull(PaymentExport.Validate(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void a_range_of_366_days_is_one_export() =>
        Assert.Null(PaymentExport.Validate(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)));
}
