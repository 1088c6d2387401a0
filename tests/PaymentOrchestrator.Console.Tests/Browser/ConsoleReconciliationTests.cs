using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Demo;
using PaymentOrchestrator.Orchestration.Reconciliation;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Report;
using PaymentOrchestrator.VippsSimulator;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>The reconciliation view in a real browser against the local host, its job and the simulator's settlement report.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleReconciliationTests(ConsoleFixture f)
{
    private const string Msn = ConsoleFixture.Msn;

    static ConsoleReconciliationTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task a_reconciled_date_shows_its_status_matched_count_and_totals_and_a_date_before_the_unit_existed_says_which_dates_can_be_reconciled()
    {
        var reference = await f.PaymentAsync("recon", 31_400, "Captured");
        // The sales unit is Norwegian: its ledger date is the Oslo calendar day of the capture.
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(f.Host.Clock!.GetUtcNow(), oslo).DateTime);
        await f.Host.AdvanceClockAsync(TimeSpan.FromHours(25));
        var day = await f.Host.Services.GetRequiredService<ReconciliationJob>().ReconcileAsync(Domain.Values.Msn.Create(Msn).Value, date);
        Assert.Equal(ReconciliationStatus.Reconciled, day.Status);
        Assert.True(day.Matched >= 1, $"the capture of {reference} is matched; {day.Matched} matched");

        await using var p = await f.NewPageAsync();
        // The default is the latest date the sales unit can reconcile: yesterday in Oslo, by the host's clock.
        var defaultDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(f.Host.Clock!.GetUtcNow(), oslo).DateTime).AddDays(-1)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GetByRole(AriaRole.Link, new() { Name = "Reconciliation" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Heading, new() { Name = "Reconciliation", Exact = false })).ToBeVisibleAsync();
        await Expect(p.Page.GetByRole(AriaRole.Link, new() { Name = "Reconciliation" })).ToHaveAttributeAsync("aria-current", "page");

        await Expect(p.Page.GetByLabel("Ledger date")).ToHaveValueAsync(defaultDate);
        await p.Page.GetByLabel("Ledger date").FillAsync(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(p.Page.Locator("#recon-status")).ToHaveTextAsync("Reconciled");
        await Expect(p.Page.Locator("#recon-matched")).ToHaveTextAsync(day.Matched.ToString(CultureInfo.InvariantCulture));
        Assert.True(day.Captured >= 31_400, $"captured {day.Captured}");
        await Expect(p.Page.Locator("#recon-totals dd").First).ToHaveTextAsync("NOK " + (day.Captured / 100m).ToString("N2", CultureInfo.InvariantCulture));
        Assert.Contains("date=" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Page.Url, StringComparison.Ordinal);
        // The only console lines are the browser's own notes on the 404 of a date not reconciled yet.
        Assert.All(p.Problems, line => Assert.Contains("status of 404", line, StringComparison.Ordinal));

        // Before the sales unit existed: nothing to run, and the page says which dates can be reconciled.
        var never = date.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await p.Page.GetByLabel("Ledger date").FillAsync(never);
        await p.Page.GetByLabel("Ledger date").PressAsync("Enter");

        var empty = p.Page.Locator("#not-reconciled");
        await Expect(empty).ToContainTextAsync($"{never} has not been reconciled yet");
        await Expect(empty).ToContainTextAsync("It cannot be reconciled yet");
        await Expect(p.Page.GetByRole(AriaRole.Button, new() { Name = "Reconcile now" })).ToHaveCountAsync(0);
        await Expect(p.Page.Locator("#recon-status")).ToHaveCountAsync(0);
        Assert.DoesNotContain("reconcile --msn", await p.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_charge_missing_at_vipps_links_to_the_charges_page()
    {
        // A monthly agreement and its first charge, charged on its due date (one clock for the host and Vipps).
        var unit = Domain.Values.Msn.Create(Msn).Value;
        var subscription = "sub-" + Guid.NewGuid().ToString("N")[..12];
        var chargeId = "chg-" + Guid.NewGuid().ToString("N")[..12];
        await f.PaymentRequests.SendMessageAsync(BinaryData.FromBytes(f.Webshop.AgreementRequested(ConsoleFixture.Msn, subscription, 29_900, "NOK", "Coffee")));
        var pending = await f.EventuallyAsync(SagaKey.Agreement(unit, SubscriptionId.Create(subscription).Value), v => v.Summary.Status == "Pending", "Pending");
        var agreementId = SagaWatcher.StateText(pending, "agreementId")!;
        await f.Admin.AcceptAgreementAsync(ConsoleFixture.Msn, agreementId);
        await f.EventuallyAsync(SagaKey.Agreement(unit, SubscriptionId.Create(subscription).Value), v => v.Summary.Status == "Active", "Active");
        var due = DateOnly.FromDateTime(f.Host.Clock!.GetUtcNow().UtcDateTime).AddDays(2);
        await f.PaymentRequests.SendMessageAsync(BinaryData.FromBytes(f.Webshop.ChargeRequested(ConsoleFixture.Msn, chargeId, agreementId, 29_900, "NOK", due, "Coffee, first month")));
        var chargeKey = SagaKey.Charge(unit, ChargeId.Create(chargeId).Value);
        await f.EventuallyAsync(chargeKey, v => v.Summary.Status is "Pending" or "Due", "Pending");
        await f.Host.AdvanceClockAsync(TimeSpan.FromDays(3));
        await f.EventuallyAsync(chargeKey, v => v.Summary.Status == "Charged", "Charged");

        // Vipps' settlement loses the charge: reconciled, it is missing at Vipps. Our operation is recorded when Vipps
        // charged it (its charge history: the due date, 00:00 UTC in the simulator, the same date in Oslo).
        var date = due;
        await f.Admin.DropSettlementEntryAsync(await PspReferenceAsync(chargeId));
        await f.Host.AdvanceClockAsync(TimeSpan.FromHours(25));
        var day = await f.Host.Services.GetRequiredService<ReconciliationJob>().ReconcileAsync(unit, date);
        var finding = Assert.Single(day.Discrepancies, d => d.Ours?.Reference == chargeId);
        Assert.Equal((DiscrepancyKind.MissingAtVipps, SagaKind.Charge), (finding.Kind, finding.Ours!.SagaKind));

        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GetByRole(AriaRole.Link, new() { Name = "Reconciliation" }).ClickAsync();
        await p.Page.GetByLabel("Ledger date").FillAsync(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await p.Page.Locator("#discrepancies").GetByRole(AriaRole.Link, new() { Name = chargeId }).ClickAsync();

        // The charge's own page: its kind, its captured amount, no "not found".
        Assert.Contains($"/charge/{chargeId}", p.Page.Url, StringComparison.Ordinal);
        await Expect(p.Page.Locator("main h1")).ToHaveTextAsync(chargeId);
        await Expect(p.Page.Locator("section[aria-labelledby='summary-h']")).ToContainTextAsync("Charge");
        await Expect(p.Page.Locator("#timeline li").First).ToBeVisibleAsync();
        await Expect(p.Page.Locator(".problem")).ToHaveCountAsync(0);
    }

    /// <summary>Vipps' id of the charge's settlement entry, read from the ledger's feed as the job reads it.</summary>
    private async Task<string> PspReferenceAsync(string chargeId)
    {
        var report = f.Host.Services.GetRequiredService<VippsReportClient>();
        string? cursor = null;
        while (true)
        {
            var page = Assert.IsType<FeedPage>(await report.GetFeedPageAsync(
                MerchantSerialNumber.Create(ConsoleFixture.Msn), SimulatorDefaults.DefaultLedgerId(ConsoleFixture.Msn), ReportTopic.Funds, cursor));
            if (page.Entries.FirstOrDefault(e => e.Reference == chargeId) is { } entry)
            {
                return entry.PspReference;
            }

            Assert.False(page.AtEnd, $"The settlement has no entry for {chargeId}.");
            cursor = page.Cursor;
        }
    }

    [Fact]
    public async Task the_default_date_is_the_latest_reconcilable_a_typed_date_applies_on_enter_and_reconcile_now_runs_it_for_a_key_with_the_right()
    {
        var reference = await f.PaymentAsync("recnow", 20_000, "Captured");
        await f.Host.AdvanceClockAsync(TimeSpan.FromHours(25));
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var latest = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(f.Host.Clock!.GetUtcNow(), oslo).DateTime).AddDays(-1);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await using var p = await f.NewPageAsync(locale: "nb-NO");
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GetByRole(AriaRole.Link, new() { Name = "Reconciliation" }).ClickAsync();
        var dateInput = p.Page.GetByLabel("Ledger date");
        await Expect(dateInput).ToHaveValueAsync(D(latest));

        // Typing a date does not reload the view (focus and the typed date stay); Enter applies it.
        await dateInput.FillAsync(D(latest.AddDays(-1)));
        await Expect(dateInput).ToBeFocusedAsync();
        Assert.DoesNotContain("date=", p.Page.Url, StringComparison.Ordinal);
        await dateInput.FillAsync(D(latest));
        await dateInput.PressAsync("Enter");
        await Expect(p.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("date=" + D(latest)));

        // Not reconciled yet (or reconciled by the job meanwhile): either way finance can run it now, and sees the result.
        var run = p.Page.GetByRole(AriaRole.Button, new() { Name = "Reconcile now" });
        await Expect(run).ToBeVisibleAsync();
        await run.ClickAsync();
        await Expect(p.Page.Locator("#recon-status")).ToHaveTextAsync("Reconciled");
        await Expect(p.Page.GetByRole(AriaRole.Heading, new() { Name = $"Ledger date {D(latest)}" })).ToBeFocusedAsync();
        Assert.All(p.Problems, line => Assert.Contains("status of 404", line, StringComparison.Ordinal));
        Assert.NotNull(reference);
    }
}
