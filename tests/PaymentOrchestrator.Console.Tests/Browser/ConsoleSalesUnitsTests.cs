using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using PaymentOrchestrator.VippsSimulator;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>The "Sales units" view in a real browser: only for keys that manage sales units; registers a unit Vipps links to our keys.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleSalesUnitsTests(ConsoleFixture f)
{
    static ConsoleSalesUnitsTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task a_key_that_does_not_manage_sales_units_gets_no_sales_units_view()
    {
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);

        await Expect(p.Page.GetByRole(AriaRole.Link, new() { Name = "Sales units" })).ToBeHiddenAsync();
        await p.Page.GotoAsync("/#/sales-units");
        await Expect(p.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This key may not manage sales units");
        await Expect(p.Page.Locator("#register-form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_manager_sees_the_registry_next_to_vipps_and_registers_a_unit_linked_to_our_keys()
    {
        // A unit no other console test registers (the fixture is shared: ConsoleApiTests registers 334455).
        const string msn = SimulatorDefaults.NoRecurringMsn;
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.ManagerKey);

        await p.Page.GetByRole(AriaRole.Link, new() { Name = "Sales units" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Heading, new() { Name = "Sales units", Level = 1 })).ToBeVisibleAsync();
        var registered = p.Page.Locator($"tr[data-msn='{ConsoleFixture.Msn}']");
        await Expect(registered).ToContainTextAsync("Registered");
        await Expect(registered).ToContainTextAsync("ReserveCapture, payments");
        var fresh = p.Page.Locator($"tr[data-msn='{msn}']");
        await Expect(fresh).ToContainTextAsync("New at Vipps");
        await Expect(fresh).ToContainTextAsync("not registered");

        await p.Page.GetByRole(AriaRole.Button, new() { Name = $"Register {msn}" }).ClickAsync();
        await Expect(p.Page.GetByLabel("MSN")).ToHaveValueAsync(msn);
        await Expect(p.Page.GetByLabel("Sources and rights")).ToBeFocusedAsync();
        await p.Page.GetByLabel("Sources and rights").FillAsync("webshop/norway:payments,captures");
        await p.Page.GetByLabel("Market").SelectOptionAsync("NO");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();

        await Expect(p.Page.Locator("#register-outcome")).ToContainTextAsync($"Registered {msn} Simulated no recurring (Norway)");
        await Expect(fresh).ToContainTextAsync("Active · Norway · webshop/norway (payments,captures)");

        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Heading, new() { Name = "Registry and Vipps (synced now)" })).ToBeFocusedAsync();
        await Expect(fresh).ToContainTextAsync("Up to date.");
        Assert.Empty(p.Problems);
    }

    [Fact]
    public async Task registering_a_unit_vipps_does_not_link_shows_the_refusal()
    {
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.ManagerKey);
        await p.Page.GotoAsync("/#/sales-units");

        await p.Page.GetByLabel("MSN").FillAsync(SimulatorDefaults.UnlinkedMsn);
        await p.Page.GetByLabel("Sources and rights").FillAsync("webshop/x");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();

        var refusal = p.Page.Locator("#register-outcome").GetByRole(AriaRole.Alert);
        await Expect(refusal).ToContainTextAsync("Not registered");
        await Expect(refusal).ToContainTextAsync("not linked to our partner keys");
        await Expect(refusal).ToContainTextAsync("HTTP 409");
    }
}
