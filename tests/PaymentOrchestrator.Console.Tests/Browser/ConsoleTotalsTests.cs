using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>
/// The payment list's totals in a real browser (issue 24 item 7): captured, refunded and net per currency of every row
/// the filters match — added up by the server, not from the loaded page — in kr as the rows show them.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTotalsTests(ConsoleFixture f)
{
    private const string Msn = ConsoleFixture.Msn;

    static ConsoleTotalsTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en-GB", "Europe/Oslo", "NOK 1,334.50", "NOK 0.00", "NOK 25.50", "NOK 1,309.00", "NOK 1,234.50", "NOK 1,209.00")]
    [InlineData("nb-NO", "Europe/Oslo", "1 334,50 kr", "0,00 kr", "25,50 kr", "1 309,00 kr", "1 234,50 kr", "1 209,00 kr")]
    public async Task the_totals_cover_every_matching_row_and_change_after_a_refund_and_with_the_filter(
        string locale, string timeZone, string captured, string none, string refunded, string net, string partlyCaptured, string partlyNet)
    {
        var prefix = "tt" + Guid.NewGuid().ToString("N")[..6];
        var big = await f.PaymentAsync(prefix, 123_450, "Captured");
        await f.PaymentAsync(prefix, 10_000, "Captured");
        await f.PaymentAsync(prefix, 9_900, "AwaitingCustomer");

        await using var p = await f.NewPageAsync(locale: locale, timeZone: timeZone);
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GotoAsync($"/#/payments/{Msn}?q={prefix}");
        var count = p.Page.Locator("#totals-count");
        await Expect(count).ToHaveTextAsync("Totals of all 3 rows matching the filters:");
        await ExpectTotalsAsync(p.Page, captured, none, captured);

        using (var http = new HttpClient { BaseAddress = f.Host.BaseAddress })
        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/refunds"))
        {
            request.Headers.Add("x-api-key", ConsoleFixture.FinanceKey);
            request.Content = JsonContent.Create(new
            {
                msn = Msn, reference = big, refundId = "r-" + prefix, amount = new { value = 2_550, currency = "NOK" }, reason = "Return", requestedBy = "finance/demo",
            });
            Assert.True((await http.SendAsync(request)).IsSuccessStatusCode);
        }

        await f.EventuallyAsync(ConsoleFixture.PaymentKey(big), v => v.Summary.RefundedMinorUnits == 2_550, "refunded");
        await p.Page.ReloadAsync();
        await ExpectTotalsAsync(p.Page, captured, refunded, net);

        await p.Page.Locator("#f-status").SelectOptionAsync("Partly refunded");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(count).ToHaveTextAsync("Totals of all 1 row matching the filters:");
        await ExpectTotalsAsync(p.Page, partlyCaptured, refunded, partlyNet);
        Assert.Empty(p.Problems);
    }

    /// <summary>The NOK line of the totals, spaces as a person reads them (the browser writes no-break spaces).</summary>
    private static async Task ExpectTotalsAsync(IPage page, string captured, string refunded, string net)
    {
        var nok = page.Locator("#list-totals li[data-currency='NOK']");
        foreach (var (amount, text) in new[] { ("captured", captured), ("refunded", refunded), ("net", net) })
        {
            await Expect(nok.Locator("strong." + amount)).ToHaveTextAsync(new Regex("^" + Regex.Escape(text).Replace("\\ ", "[\\s\u00A0\u202F]", StringComparison.Ordinal) + "$"));
        }
    }
}
