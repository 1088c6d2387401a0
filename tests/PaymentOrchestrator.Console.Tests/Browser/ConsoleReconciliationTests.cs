using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using PaymentOrchestrator.Orchestration.Reconciliation;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>The reconciliation view in a real browser against the local host, its job and the simulator's settlement report.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleReconciliationTests(ConsoleFixture f)
{
    private const string Msn = ConsoleFixture.Msn;

    static ConsoleReconciliationTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task a_reconciled_date_shows_its_status_matched_count_and_totals_and_a_date_not_reconciled_shows_how_to_run_it()
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
        // The default is the day before yesterday (UTC), in the browser's own clock.
        var defaultDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
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
        // The only console lines are the browser's own notes on the 404 of the default date (not reconciled yet).
        Assert.All(p.Problems, line => Assert.Contains("status of 404", line, StringComparison.Ordinal));

        var never = date.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await p.Page.GetByLabel("Ledger date").FillAsync(never);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        var empty = p.Page.Locator("#not-reconciled");
        await Expect(empty).ToContainTextAsync("This date has not been reconciled yet; the job runs hourly");
        await Expect(empty).ToContainTextAsync($"reconcile --msn {Msn} --date {never}");
        await Expect(p.Page.Locator("#recon-status")).ToHaveCountAsync(0);
    }
}
