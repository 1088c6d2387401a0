using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>The console in a real browser (Debian chromium) against the local host on Azurite and the simulator.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleBrowserTests(ConsoleFixture f)
{
    private const string Msn = ConsoleFixture.Msn;

    static ConsoleBrowserTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task a_refused_key_is_told_so_and_nothing_is_kept()
    {
        await using var p = await f.NewPageAsync();
        await p.SignInAsync("not-a-key-of-this-host-at-all", refused: true);

        await Expect(p.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your key was refused");
        await Expect(p.Page.GetByLabel("API key")).ToBeFocusedAsync();
        Assert.Null(await p.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('paymentConsole.apiKey')"));
        Assert.DoesNotContain("not-a-key", p.Page.Url, StringComparison.Ordinal);
        await Expect(p.Page.Locator("#nav")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task a_key_bound_to_no_sales_unit_sees_none_and_is_refused_another_merchants_payment()
    {
        var reference = await f.PaymentAsync("other", 10_000, "AwaitingCustomer");
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.UnboundKey);

        await Expect(p.Page.Locator("#who-source")).ToHaveTextAsync(ConsoleFixture.UnboundSource);
        await Expect(p.Page.GetByText("which no sales unit binds")).ToBeVisibleAsync();

        await p.Page.GotoAsync($"/#/payment/{Msn}/payment/{reference}");
        var alert = p.Page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("not registered for this API key's source");
        await Expect(alert).ToContainTextAsync("HTTP 404");
        await Expect(p.Page.GetByText("NOK")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task signing_in_shows_the_source_and_lists_the_sales_units_payments_and_search_finds_one_by_reference_or_amount()
    {
        var first = await f.PaymentAsync("list-a", 12_300, "AwaitingCustomer");
        var second = await f.PaymentAsync("list-b", 45_617, "AwaitingCustomer");
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);

        await Expect(p.Page.Locator("#who-source")).ToHaveTextAsync("finance/demo");
        await Expect(p.Page.GetByLabel("Sales unit")).ToContainTextAsync(Msn);
        await Expect(p.Page.GetByRole(AriaRole.Link, new() { Name = first })).ToBeVisibleAsync();
        await Expect(p.Page.GetByRole(AriaRole.Link, new() { Name = second })).ToBeVisibleAsync();
        var row = p.Page.Locator("tr", new() { Has = p.Page.GetByRole(AriaRole.Link, new() { Name = second }) });
        await Expect(row).ToContainTextAsync("NOK");
        await Expect(row).ToContainTextAsync("456.17");

        // By amount, as finance types it (a decimal comma): only the second.
        await p.Page.GetByLabel("Search reference or amount").FillAsync("456,17");
        await p.Page.GetByLabel("Search reference or amount").PressAsync("Enter");
        await Expect(p.Page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(p.Page.GetByRole(AriaRole.Link, new() { Name = second })).ToBeVisibleAsync();

        await p.Page.GetByLabel("Search reference or amount").FillAsync(first);
        await p.Page.GetByLabel("Search reference or amount").PressAsync("Enter");
        await Expect(p.Page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(p.Page.GetByRole(AriaRole.Link, new() { Name = first })).ToBeVisibleAsync();
        Assert.Contains("q=" + first, p.Page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(ConsoleFixture.FinanceKey, p.Page.Url, StringComparison.Ordinal);

        // Keyboard: the reference is a link that Enter follows.
        await p.Page.GetByRole(AriaRole.Link, new() { Name = first }).FocusAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        await Expect(p.Page.GetByRole(AriaRole.Heading, new() { Name = first })).ToBeVisibleAsync();
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task a_payment_page_shows_the_approval_link_and_its_timeline_updates_while_it_is_open()
    {
        var reference = await f.PaymentAsync("live", 25_000, "AwaitingCustomer");
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();

        await Expect(p.Page.GetByRole(AriaRole.Heading, new() { Name = reference })).ToBeVisibleAsync();
        await Expect(p.Page.Locator(".title-row .badge")).ToHaveTextAsync("Awaiting customer");
        await Expect(p.Page.GetByRole(AriaRole.Link, new() { Name = "Open the approval link" })).ToHaveAttributeAsync("href", new Regex("^http"));
        var entries = await p.Page.Locator("#timeline > li").CountAsync();
        Assert.True(entries >= 3, $"the timeline shows the request, the create call and its answer; it has {entries}");
        var time = p.Page.Locator("#timeline time").First;
        await Expect(time).ToHaveAttributeAsync("title", new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$"));

        await f.Admin.ApprovePaymentAsync(Msn, reference);

        // No reload: the page polls.
        await Expect(p.Page.Locator(".title-row .badge")).ToHaveTextAsync("Authorized");
        await Expect(p.Page.Locator("#timeline > li")).Not.ToHaveCountAsync(entries);
        await Expect(p.Page.GetByText("Still to capture")).ToContainTextAsync("250.00");
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task a_refund_defaults_to_the_refundable_rest_and_a_double_clicked_confirm_refunds_once()
    {
        var reference = await f.PaymentAsync("refund", 49_900, "Captured");
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GotoAsync($"/#/payment/{Msn}/payment/{reference}");

        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        await Expect(p.Page.GetByLabel("Amount (NOK)")).ToHaveValueAsync("499.00");
        // The note defaults to the key's name; the key's name and source are recorded apart from it anyway.
        await Expect(p.Page.GetByLabel("Requested by")).ToHaveValueAsync("finance");

        // Never above the rest.
        await p.Page.GetByLabel("Amount (NOK)").FillAsync("500");
        await p.Page.GetByLabel("Reason").FillAsync("Returned goods");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("more than the");
        await p.Page.GetByLabel("Amount (NOK)").FillAsync("100");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Confirm the refund");

        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm refund" }).DblClickAsync();

        await f.EventuallyAsync(ConsoleFixture.PaymentKey(reference), v => v.Summary.RefundedMinorUnits == 10_000, "refunded 100.00");
        await Expect(p.Page.Locator(".toast")).ToContainTextAsync("accepted");
        await Expect(p.Page.GetByText("Refundable: NOK 399.00")).ToBeVisibleAsync();
        await Expect(p.Page.Locator("td.reason")).ToHaveTextAsync("Returned goods");
        Assert.Equal(1, (await f.Admin.GetCountersAsync()).RefundsOf(Msn, reference));
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task a_refund_whose_answer_is_lost_is_sent_again_with_the_same_id_and_refunds_once()
    {
        var reference = await f.PaymentAsync("retry", 20_000, "Captured");
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GotoAsync($"/#/payment/{Msn}/payment/{reference}");
        var bodies = new List<string>();
        var lost = false;
        await p.Page.RouteAsync("**/api/refunds", async route =>
        {
            bodies.Add(route.Request.PostData ?? "");
            if (!lost)
            {
                // The host takes the refund, but its answer never reaches the browser.
                lost = true;
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.ContinueAsync();
        });

        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        await p.Page.GetByLabel("Reason").FillAsync("Customer complaint");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm refund" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("safe to try again");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();

        await Expect(p.Page.Locator(".toast")).ToContainTextAsync("nothing was refunded twice");
        await f.EventuallyAsync(ConsoleFixture.PaymentKey(reference), v => v.Summary.RefundedMinorUnits == 20_000, "refunded in full");
        Assert.Equal(2, bodies.Count);
        Assert.Equal(RefundId(bodies[0]), RefundId(bodies[1]));
        Assert.Equal(1, (await f.Admin.GetCountersAsync()).RefundsOf(Msn, reference));
        await Expect(p.Page.GetByRole(AriaRole.Button, new() { Name = "Refund…" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_hostile_reason_shows_as_text_and_runs_nothing()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        var reference = await f.PaymentAsync("xss", 10_000, "Captured");
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GotoAsync($"/#/payment/{Msn}/payment/{reference}");

        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        await p.Page.GetByLabel("Reason").FillAsync(hostile);
        await p.Page.GetByLabel("Requested by").FillAsync("<b>mallory</b>");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Dialog)).ToContainTextAsync(hostile);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm refund" }).ClickAsync();

        await Expect(p.Page.Locator("td.reason")).ToHaveTextAsync(hostile);
        await Expect(p.Page.Locator("td[data-label='Requested by']")).ToHaveTextAsync("<b>mallory</b>");
        Assert.Equal(0, await p.Page.Locator("main img, main b").CountAsync());
        await p.Page.Locator("#timeline details").Last.Locator("summary").ClickAsync();
        await Task.Delay(500);
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task a_dead_letter_shows_its_reason_and_original_and_is_replayed_after_the_cause_is_fixed()
    {
        // A sales unit that is switched off refuses the webshop's order: it is dead-lettered.
        await f.SalesUnits.RegisterAsync(new Orchestration.Stores.SalesUnitRegistration(
            Domain.Values.Msn.Create("223344").Value, "Danish shop", Domain.Values.Market.Denmark, Vipps.VippsEnvironment.Production, "partner",
            [Local.Configuration.LocalDefaults.WebshopSource, Local.Configuration.LocalDefaults.FinanceSource], Orchestration.Stores.SalesUnitStatus.Disabled));
        var reference = $"dk-{Guid.NewGuid():N}"[..20];
        await f.PaymentRequests.SendMessageAsync(BinaryData.FromBytes(f.Webshop.PaymentRequested("223344", reference, 15_000, "DKK")));

        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GetByRole(AriaRole.Link, new() { Name = "Needs attention" }).ClickAsync();
        var letter = p.Page.Locator(".letter", new() { HasText = reference });
        await p.ReloadUntilShownAsync(letter);
        await Expect(letter).ToContainTextAsync("SalesUnitDisabled");
        await Expect(letter).ToContainTextAsync("payment.requested");
        await letter.GetByText("Original message").ClickAsync();
        await Expect(letter.Locator("pre")).ToContainTextAsync("\"msn\": \"223344\"");

        await f.SalesUnits.SetStatusAsync(Domain.Values.Msn.Create("223344").Value, Orchestration.Stores.SalesUnitStatus.Active);
        var replay = letter.GetByRole(AriaRole.Button, new() { Name = "Replay" });
        var dialog = p.Page.GetByRole(AriaRole.Dialog);
        await replay.ClickAsync();
        await Expect(dialog).ToContainTextAsync("Refused before because: SalesUnitDisabled");
        // Focus starts on Cancel: a stray Enter cancels, and focus goes back to the button that opened the dialog.
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(replay).ToBeFocusedAsync();
        await replay.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();

        await Expect(p.Page.Locator(".toast")).ToContainTextAsync("Replayed 1 message");
        await Expect(letter).ToHaveCountAsync(0);
        // Who replayed it: the key's name and source, as authenticated.
        var replayed = p.Page.Locator("table[aria-labelledby='replays-h'] tbody tr").First;
        await Expect(replayed.Locator("td[data-label='By key']")).ToHaveTextAsync("finance");
        await Expect(replayed.Locator("td[data-label='Source']")).ToHaveTextAsync("finance/demo");
        await f.EventuallyAsync(new Domain.Values.SagaKey(Domain.Values.SagaKind.Payment, Domain.Values.Msn.Create("223344").Value, reference),
            v => v.Summary.Status == "AwaitingCustomer", "created after the replay");
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task at_phone_width_the_list_and_a_payment_fit_the_screen()
    {
        var reference = await f.PaymentAsync("phone", 9_900, "Authorized");
        await using var p = await f.NewPageAsync(390, 844);
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await Expect(p.Page.GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        Assert.True(await FitsAsync(p.Page), "the list scrolls sideways at 390 px");

        await p.Page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Heading, new() { Name = reference })).ToBeVisibleAsync();
        Assert.True(await FitsAsync(p.Page), "the payment page scrolls sideways at 390 px");
    }

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private static string RefundId(string body) => RefundIdPattern().Match(body).Groups[1].Value;

    [GeneratedRegex("\"refundId\":\"([^\"]+)\"")]
    private static partial Regex RefundIdPattern();
}
