using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>
/// The payment list's paging and the server-side export in a real browser (issue 24 item 3): "Load more" while
/// payments change loses no row, and "Export CSV" downloads every payment of the filters' range with its captures and
/// refunds, with <c>;</c> and a decimal comma in a Norwegian browser.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleListExportTests(ConsoleFixture f)
{
    private const string Msn = ConsoleFixture.Msn;

    static ConsoleListExportTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task load_more_while_payments_change_loses_no_row_and_repeats_none()
    {
        // 55 payments waiting for their customers (polled every second or two, so they change all the time): more than a page.
        var prefix = "lm" + Guid.NewGuid().ToString("N")[..6];
        var references = Enumerable.Range(0, 55).Select(i => $"{prefix}-{i:D2}").ToList();
        await Task.WhenAll(references.Select(r => f.PaymentAsync(prefix, 10_000, "AwaitingCustomer", r)));

        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GotoAsync($"/#/payments/{Msn}?q={prefix}");
        var links = p.Page.Locator("table.list tbody tr td:first-child a");
        await Expect(links).ToHaveCountAsync(50);
        await Expect(p.Page.GetByText("Showing 50, newest first; more to load")).ToBeVisibleAsync();
        var firstPage = await links.AllInnerTextsAsync();

        // Between the pages: one payment not shown yet and one shown are authorized (what pushed rows past the old paging).
        var notShown = references.Except(firstPage).First();
        await f.Admin.ApprovePaymentAsync(Msn, notShown);
        await f.Admin.ApprovePaymentAsync(Msn, firstPage[10]);
        await f.EventuallyAsync(ConsoleFixture.PaymentKey(notShown), v => v.Summary.Status == "Authorized", "Authorized");
        await f.EventuallyAsync(ConsoleFixture.PaymentKey(firstPage[10]), v => v.Summary.Status == "Authorized", "Authorized");

        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();
        await Expect(links).ToHaveCountAsync(55);
        await Expect(p.Page.GetByText("Showing all 55")).ToBeVisibleAsync();
        await Expect(p.Page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToBeHiddenAsync();
        var all = await links.AllInnerTextsAsync();
        Assert.Equal(references.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task export_csv_in_a_norwegian_browser_downloads_every_payment_of_the_range_with_semicolons_and_decimal_commas()
    {
        var prefix = "ex" + Guid.NewGuid().ToString("N")[..6];
        var captured = await f.PaymentAsync(prefix, 123_450, "Captured");
        var waiting = await f.PaymentAsync(prefix, 9_900, "AwaitingCustomer");
        using (var http = new HttpClient { BaseAddress = f.Host.BaseAddress })
        {
            http.DefaultRequestHeaders.Add("x-api-key", ConsoleFixture.FinanceKey);
            using var refund = await http.PostAsJsonAsync("api/refunds", new
            {
                msn = Msn, reference = captured, refundId = "r-" + prefix, amount = new { value = 2_550, currency = "NOK" },
                reason = "+47 kunde; returnert", requestedBy = "økonomi",
            });
            Assert.True(refund.IsSuccessStatusCode, await refund.Content.ReadAsStringAsync());
        }

        await f.EventuallyAsync(ConsoleFixture.PaymentKey(captured), v => v.Summary.RefundedMinorUnits == 2_550, "refunded");

        // The filters' range: the host's (test) clock's day and the next, as the person would pick them.
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(f.Host.Clock!.GetUtcNow(), oslo).DateTime);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var p = await f.NewPageAsync(locale: "nb-NO");
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GotoAsync($"/#/payments/{Msn}?from={D(day.AddDays(-1))}&to={D(day.AddDays(1))}");
        var exportButton = p.Page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" });
        await Expect(exportButton).ToBeEnabledAsync();

        var download = await p.Page.RunAndWaitForDownloadAsync(() => exportButton.ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);

        Assert.StartsWith($"payments-{Msn}-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("msn;line;kind;reference;status;currency;amount;captured;refunded", lines[0], StringComparison.Ordinal);
        var payment = Assert.Single(lines, l => l.StartsWith($"{Msn};payment;Payment;{captured};", StringComparison.Ordinal)).Split(';');
        Assert.Equal(("Partly refunded", "NOK", "1234,50", "1234,50", "25,50"), (payment[4], payment[5], payment[6], payment[7], payment[8]));
        Assert.Contains(lines, l => l.StartsWith($"{Msn};payment;Payment;{waiting};Awaiting customer;NOK;99,00;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{Msn};capture;Payment;{captured};Succeeded;NOK;1234,50;", StringComparison.Ordinal));
        // The reason holds the separator and starts with '+': quoted, and text in a spreadsheet.
        var refundLine = Assert.Single(lines, l => l.Contains("r-" + prefix, StringComparison.Ordinal));
        Assert.StartsWith($"{Msn};refund;Payment;{captured};", refundLine, StringComparison.Ordinal);
        // The note as typed, then who as authenticated (the audit): the key's name and source.
        Assert.EndsWith($";\"'+47 kunde; returnert\";økonomi;finance;{LocalDefaults.FinanceSource}", refundLine, StringComparison.Ordinal);
        Assert.Empty(p.Problems);
    }
}
