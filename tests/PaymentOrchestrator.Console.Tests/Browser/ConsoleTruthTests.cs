using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>
/// Issue 24 in the browser: the money's status everywhere, confirmations that cannot be passed by accident, who did
/// what, and keyboard use that keeps its place. The money and Enter cases run in British English and in Norwegian.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleTruthTests(ConsoleFixture f)
{
    private const string Msn = ConsoleFixture.Msn;

    static ConsoleTruthTests() => SetDefaultExpectTimeout(20_000);

    [Theory]
    [InlineData("en-GB", "Europe/Oslo")]
    [InlineData("nb-NO", "Europe/Oslo")]
    public async Task captured_partly_refunded_and_cancelled_payments_show_their_money_status_in_list_badge_filter_and_csv(string locale, string timeZone)
    {
        var captured = await f.PaymentAsync("m-cap", 30_000, "Captured");
        var partly = await f.PaymentAsync("m-part", 30_000, "Captured");
        await RefundOverApiAsync(partly, "part-1", 10_000);
        await f.EventuallyAsync(ConsoleFixture.PaymentKey(partly), v => v.Summary.MoneyStatus == "Partly refunded", "Partly refunded");
        var cancelled = await f.PaymentAsync("m-can", 30_000, "Authorized");
        await f.PaymentRequests.SendMessageAsync(BinaryData.FromBytes(f.Webshop.PaymentCancelRequested(Msn, cancelled)));
        await f.EventuallyAsync(ConsoleFixture.PaymentKey(cancelled), v => v.Summary.MoneyStatus == "Cancelled", "Cancelled");
        var expected = new[] { (captured, "Captured", "m-captured"), (partly, "Partly refunded", "m-partly-refunded"), (cancelled, "Cancelled", "m-cancelled") };

        await using var p = await f.NewPageAsync(locale: locale, timeZone: timeZone);
        await p.SignInAsync(ConsoleFixture.FinanceKey);

        foreach (var (reference, status, css) in expected)
        {
            var badge = Row(p.Page, reference).Locator(".badge");
            await Expect(badge).ToHaveTextAsync(status);
            await Expect(badge).ToHaveClassAsync(new Regex($"\\b{css}\\b"));
        }

        // The filter offers money statuses (never the saga's internal "Authorized" for all three) and filters by them.
        var options = await p.Page.Locator("#f-status option").AllTextContentsAsync();
        Assert.Contains("Captured", options);
        Assert.Contains("Partly refunded", options);
        Assert.Contains("Cancelled", options);
        await p.Page.Locator("#f-status").SelectOptionAsync("Partly refunded");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(Row(p.Page, partly)).ToBeVisibleAsync();
        await Expect(Row(p.Page, captured)).ToHaveCountAsync(0);
        await Expect(Row(p.Page, cancelled)).ToHaveCountAsync(0);
        foreach (var text in await p.Page.Locator("tbody .badge").AllTextContentsAsync())
        {
            Assert.Equal("Partly refunded", text);
        }

        var download = await p.Page.RunAndWaitForDownloadAsync(() => p.Page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        // The server's export: `;` where the locale writes a decimal comma (nb-NO), `,` otherwise.
        Assert.Matches($"[;,]{partly}[;,]Partly refunded[;,]NOK[;,]", csv);

        foreach (var (reference, status, css) in expected)
        {
            await p.Page.GotoAsync($"/#/payment/{Msn}/payment/{reference}");
            await Expect(p.Page.Locator(".title-row .badge")).ToHaveTextAsync(status);
            await Expect(p.Page.Locator(".title-row .badge")).ToHaveClassAsync(new Regex($"\\b{css}\\b"));
        }

        Assert.Empty(p.Problems);
    }

    [Theory]
    [InlineData("en-GB", "Europe/Oslo")]
    [InlineData("nb-NO", "Europe/Oslo")]
    public async Task a_double_or_held_enter_never_confirms_a_refund_and_only_a_deliberate_press_does(string locale, string timeZone)
    {
        var reference = await f.PaymentAsync("enter", 20_000, "Captured");
        await using var p = await f.NewPageAsync(locale: locale, timeZone: timeZone);
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        var posts = 0;
        p.Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/refunds", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref posts);
            }
        };
        await p.Page.GotoAsync($"/#/payment/{Msn}/payment/{reference}");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        await p.Page.GetByLabel("Reason").FillAsync("Enter twice");
        var dialog = p.Page.GetByRole(AriaRole.Dialog);
        var back = dialog.GetByRole(AriaRole.Button, new() { Name = "Back" });

        // Enter, Enter: the first opens the review on "Back", the second goes back to the form.
        await p.Page.GetByLabel(new Regex("^Amount")).FocusAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        await Expect(back).ToBeFocusedAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Review refund" })).ToBeVisibleAsync();

        // Enter held down: the key's auto-repeats press nothing, so the review stays, on "Back".
        await p.Page.GetByLabel(new Regex("^Amount")).FocusAsync();
        await p.Page.Keyboard.DownAsync("Enter");
        await Expect(back).ToBeFocusedAsync();
        for (var i = 0; i < 3; i++)
        {
            await p.Page.Keyboard.DownAsync("Enter");
        }

        await p.Page.Keyboard.UpAsync("Enter");
        await Expect(back).ToBeFocusedAsync();
        await Expect(dialog).ToContainTextAsync("Confirm the refund");

        // A keyboard click whose key went down elsewhere (before the review showed) is not a confirmation.
        await p.Page.EvaluateAsync("() => document.getElementById('refund-confirm').click()");
        await Expect(dialog).ToContainTextAsync("Confirm the refund");
        Assert.Equal(0, Volatile.Read(ref posts));

        // A deliberate press does: Tab to the red button, Enter.
        await p.Page.Keyboard.PressAsync("Tab");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm refund" })).ToBeFocusedAsync();
        await p.Page.Keyboard.PressAsync("Enter");

        var view = await f.EventuallyAsync(ConsoleFixture.PaymentKey(reference), v => v.Summary.RefundedMinorUnits == 20_000, "refunded in full");
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal(1, Volatile.Read(ref posts));
        Assert.Equal(1, (await f.Admin.GetCountersAsync()).RefundsOf(Msn, reference));
        Assert.Equal(20_000, view.Summary.RefundedMinorUnits);
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task a_reload_during_the_review_continues_with_the_same_refund_id_and_the_refund_shows_who_and_when()
    {
        var reference = await f.PaymentAsync("reload", 15_000, "Captured");
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        var bodies = new List<string>();
        p.Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/refunds", StringComparison.Ordinal))
            {
                lock (bodies)
                {
                    bodies.Add(request.PostData ?? string.Empty);
                }
            }
        };
        await p.Page.GotoAsync($"/#/payment/{Msn}/payment/{reference}");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        await p.Page.GetByLabel("Amount (NOK)").FillAsync("60");
        await p.Page.GetByLabel("Reason").FillAsync("Reloaded mid-review");
        await p.Page.GetByLabel("Requested by").FillAsync("ticket 4711");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();
        var refundId = RefundIdText().Match(await p.Page.GetByRole(AriaRole.Dialog).InnerTextAsync()).Value;
        Assert.StartsWith("console-", refundId, StringComparison.Ordinal);

        await p.Page.ReloadAsync();
        await Expect(p.Page.Locator("#refund-pending")).ToContainTextAsync(refundId);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        await Expect(p.Page.Locator("#refund-resumed")).ToContainTextAsync(refundId);
        await Expect(p.Page.GetByLabel("Amount (NOK)")).ToHaveValueAsync("60.00");
        await Expect(p.Page.GetByLabel("Reason")).ToHaveValueAsync("Reloaded mid-review");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm refund" }).ClickAsync();

        await f.EventuallyAsync(ConsoleFixture.PaymentKey(reference), v => v.Summary.RefundedMinorUnits == 6_000, "refunded 60.00");
        Assert.Contains($"\"refundId\":\"{refundId}\"", Assert.Single(bodies), StringComparison.Ordinal);
        Assert.Equal(0, await p.Page.EvaluateAsync<int>("() => Object.keys(sessionStorage).filter((k) => k.startsWith('paymentConsole.pendingRefund.')).length"));
        await Expect(p.Page.Locator("#refund-pending")).ToHaveCountAsync(0);

        // Who and when: the key's name and source as authenticated, the note as typed, the time it was accepted.
        var row = p.Page.Locator("#refunds-h + .table-wrap tbody tr", new() { HasText = refundId });
        await Expect(row.Locator("td[data-label='By key']")).ToHaveTextAsync("finance · finance/demo");
        await Expect(row.Locator("td[data-label='Requested by']")).ToHaveTextAsync("ticket 4711");
        await Expect(row.Locator("td[data-label='Requested'] time")).ToHaveAttributeAsync("title", new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$"));
        Assert.DoesNotContain(ConsoleFixture.FinanceKey, await p.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task focus_stays_on_the_refund_button_across_refreshes_that_change_the_page_and_returns_to_it_when_the_dialog_closes()
    {
        var reference = await f.PaymentAsync("focus", 40_000, "Captured");
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GotoAsync($"/#/payment/{Msn}/payment/{reference}");
        var open = p.Page.GetByRole(AriaRole.Button, new() { Name = "Refund…" });
        await open.FocusAsync();

        // Someone else refunds part of it: the next refresh redraws the next-step box with a new refundable amount.
        await RefundOverApiAsync(reference, "elsewhere", 10_000);
        await Expect(p.Page.GetByText(new Regex("^Refundable: "))).Not.ToContainTextAsync("400");
        await Expect(open).ToBeFocusedAsync();

        await p.Page.Keyboard.PressAsync("Enter");
        await Expect(p.Page.GetByLabel("Amount (NOK)")).ToBeFocusedAsync();
        await p.Page.Keyboard.PressAsync("Escape");
        await Expect(p.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(open).ToBeFocusedAsync();

        await p.Page.Keyboard.PressAsync("Enter");
        await p.Page.GetByLabel("Reason").FillAsync("Looked, then cancelled");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(open).ToBeFocusedAsync();
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task a_waiting_payments_polls_fold_into_one_line_the_timeline_turns_newest_first_and_focus_stays_on_the_approval_link()
    {
        var reference = await f.PaymentAsync("fold", 7_500, "AwaitingCustomer");
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GotoAsync($"/#/payment/{Msn}/payment/{reference}");
        var link = p.Page.GetByRole(AriaRole.Link, new() { Name = "Open the approval link" });
        await link.FocusAsync();

        // The saga reads the payment back every second or two: those polls fold into one line that keeps counting.
        var fold = p.Page.Locator("#timeline > li.folded .entry-summary");
        await Expect(fold.First).ToHaveTextAsync(new Regex(@"^\d+ polls, no change$"), new() { Timeout = 40_000 });
        var polls = int.Parse((await fold.First.TextContentAsync())!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await Expect(fold.First).Not.ToHaveTextAsync($"{polls} polls, no change", new() { Timeout = 40_000 });
        await Expect(link).ToBeFocusedAsync();

        var order = p.Page.GetByRole(AriaRole.Button, new() { Name = "Newest first" });
        await order.ClickAsync();
        await Expect(order).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(p.Page.Locator("#timeline > li").Last).ToContainTextAsync("PaymentRequested");
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task a_key_without_the_reads_right_is_told_so_in_words_not_as_a_bare_403()
    {
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.WebshopKey);

        var alert = p.Page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("This key may not read payments");
        await Expect(alert).ToContainTextAsync("webshop/demo");
        await Expect(alert).ToContainTextAsync("reads right");
        await Expect(alert).Not.ToContainTextAsync("HTTP 403");
    }

    [Fact]
    public async Task the_list_offers_try_again_after_an_outage_and_recovers_with_it()
    {
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.RouteAsync("**/payment-list?**", route => route.AbortAsync("connectionrefused"));
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot be reached");

        await p.Page.UnrouteAllAsync();
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).FocusAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        await Expect(p.Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(p.Page.Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(p.Page.Locator("main h1")).ToBeFocusedAsync();
    }

    private static ILocator Row(IPage page, string reference) =>
        page.Locator("tbody tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }) });

    private async Task RefundOverApiAsync(string reference, string refundId, long amount)
    {
        using var http = new HttpClient { BaseAddress = f.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/refunds");
        request.Headers.Add("x-api-key", ConsoleFixture.FinanceKey);
        request.Content = JsonContent.Create(new
        {
            msn = Msn, reference, refundId, amount = new { value = amount, currency = "NOK" }, reason = "Partial return", requestedBy = "finance/demo",
        });
        Assert.True((await http.SendAsync(request)).IsSuccessStatusCode);
    }

    [GeneratedRegex("console-[0-9a-f-]{36}")]
    private static partial Regex RefundIdText();
}
