using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using PaymentOrchestrator.Orchestration.Onboarding;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>The onboarding view in a real browser against the local host and its simulator's Management API.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleOnboardingTests(ConsoleFixture f)
{
    private const string Merchant = "987654322";

    static ConsoleOnboardingTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task a_key_that_does_not_manage_sales_units_has_no_onboarding_link_and_the_view_says_why()
    {
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);

        await Expect(p.Page.GetByRole(AriaRole.Link, new() { Name = "Onboarding" })).ToBeHiddenAsync();
        await p.Page.GotoAsync("/#/onboarding");
        await Expect(p.Page.Locator("main")).ToContainTextAsync("does not manage the partner's sales units");
        await Expect(p.Page.Locator("#onboard-form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_partner_key_onboards_a_merchant_sees_the_prefill_link_and_later_the_new_msn_with_how_to_register_it()
    {
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.ManagerKey);
        await p.Page.GetByRole(AriaRole.Link, new() { Name = "Onboarding" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Heading, new() { Name = "Onboarding", Exact = true })).ToBeVisibleAsync();

        // Vipps refuses an apostrophe in the name: the field is marked and the reason shown.
        await p.Page.GetByLabel("Organisation number").FillAsync(Merchant);
        await p.Page.GetByLabel("Sales unit name").FillAsync("Kari's Kafé");
        await p.Page.GetByLabel("Website (https://)").FillAsync("https://kafe.example.no");
        await p.Page.GetByLabel("Sales terms (https://)").FillAsync("https://kafe.example.no/terms");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Send product order" }).ClickAsync();
        await Expect(p.Page.Locator("#onboard-result [role=alert]")).ToContainTextAsync("an apostrophe is refused");
        await Expect(p.Page.GetByLabel("Sales unit name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(p.Page.GetByLabel("Sales unit name")).ToBeFocusedAsync();

        await p.Page.GetByLabel("Sales unit name").FillAsync("Karis Kafé");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Send product order" }).ClickAsync();
        await Expect(p.Page.Locator("#onboard-sent")).ToContainTextAsync("Send this link to the merchant");
        var order = (await f.Admin.GetProductOrdersAsync()).Single(o => o.OrganizationNumber == Merchant);
        await Expect(p.Page.Locator("#onboard-sent a.prefill")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(order.Id.ToString("D") + "$"));
        var card = p.Page.Locator("article.onboarding", new() { HasText = Merchant });
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Sent");
        await Expect(card.Locator("ol.history li")).ToHaveCountAsync(2);

        // Vipps completes the order; the maintenance job's follow-up sees the merchant's new sales unit.
        var msn = (await f.Admin.AdvanceProductOrderAsync(order.Id.ToString("D"), "COMPLETED")).Msn!;
        await f.Host.Services.GetRequiredService<MerchantOnboarding>().FollowUpAsync(TimeSpan.FromDays(30));
        await p.Page.ReloadAsync();

        await Expect(card.Locator(".badge")).ToHaveTextAsync("Completed");
        await Expect(card.Locator("dd.msn")).ToHaveTextAsync(msn);
        await Expect(card.Locator("p.next")).ToHaveTextAsync("Register it: sales-units sync --register " + msn);
        await Expect(card.Locator("ol.history li")).ToHaveCountAsync(3);
        Assert.All(p.Problems, line => Assert.Contains("status of 400", line, StringComparison.Ordinal));
    }
}
