using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Local.Demo;

namespace PaymentOrchestrator.EndToEnd.Tests.Recurring;

public sealed class RecurringFlowTests
{
    private const string Msn = TestHost.Msn;

    [Fact]
    public async Task an_agreement_is_accepted_and_its_charge_is_charged_once_the_due_date_has_passed()
    {
        await using var h = await TestHost.StartAsync();
        var msn = Domain.Values.Msn.Create(Msn).Value;
        var subscription = "sub-" + Guid.NewGuid().ToString("N")[..12];
        var chargeId = "chg-" + Guid.NewGuid().ToString("N")[..12];
        var agreementKey = SagaKey.Agreement(msn, SubscriptionId.Create(subscription).Value);
        var chargeKey = SagaKey.Charge(msn, ChargeId.Create(chargeId).Value);

        await h.SendAsync(h.PaymentRequests, h.Webshop.AgreementRequested(Msn, subscription, 29_900, "NOK", "Coffee subscription"));
        var pending = await h.EventuallyAsync(agreementKey, v => v.Summary.Status == "Pending", "Pending");
        var agreementId = SagaWatcher.StateText(pending, "agreementId")!;
        Assert.False(string.IsNullOrEmpty(SagaWatcher.StateText(pending, "confirmationUrl")));

        await h.Admin.AcceptAgreementAsync(Msn, agreementId);
        await h.EventuallyAsync(agreementKey, v => v.Summary.Status == "Active", "Active");

        var due = DateOnly.FromDateTime(h.Host.Clock!.GetUtcNow().UtcDateTime).AddDays(2);
        await h.SendAsync(h.PaymentRequests, h.Webshop.ChargeRequested(Msn, chargeId, agreementId, 29_900, "NOK", due, "Coffee, first month"));
        await h.EventuallyAsync(chargeKey, v => v.Summary.Status is "Pending" or "Due", "Pending");

        // The due date comes for Vipps and for the sagas alike (one clock); Vipps charges, the saga reads it back.
        await h.Host.AdvanceClockAsync(TimeSpan.FromDays(3));
        var charged = await h.EventuallyAsync(chargeKey, v => v.Summary.Status == "Charged", "Charged");
        Assert.Equal(29_900, charged.Summary.CapturedMinorUnits);

        var outcomes = await h.OutcomeTypesAsync("agreement.pending.v1", "agreement.activated.v1", "charge.charged.v1");
        Assert.Contains("agreement.pending.v1", outcomes);
        Assert.Contains("agreement.activated.v1", outcomes);
        Assert.Contains("charge.charged.v1", outcomes);
    }

    [Fact]
    public async Task an_initial_charge_reserved_when_the_customer_accepts_is_followed_by_its_own_saga_and_cancelled()
    {
        await using var h = await TestHost.StartAsync();
        var msn = Domain.Values.Msn.Create(Msn).Value;
        var subscription = "sub-" + Guid.NewGuid().ToString("N")[..12];
        var agreementKey = SagaKey.Agreement(msn, SubscriptionId.Create(subscription).Value);
        var request = JsonNode.Parse(h.Webshop.AgreementRequested(Msn, subscription, 24_900, "NOK", "Coffee subscription"))!;
        request["data"]!["initialCharge"] = new JsonObject
        {
            ["amount"] = new JsonObject { ["value"] = 24_900, ["currency"] = "NOK" }, ["description"] = "First month", ["transactionType"] = "RESERVE_CAPTURE",
        };

        await h.SendAsync(h.PaymentRequests, JsonSerializer.SerializeToUtf8Bytes(request));
        var pending = await h.EventuallyAsync(agreementKey, v => v.Summary.Status == "Pending", "Pending");
        var initialChargeId = SagaWatcher.StateText(pending, "initialChargeId")!;
        await h.Admin.AcceptAgreementAsync(Msn, SagaWatcher.StateText(pending, "agreementId")!);

        // The local engine starts the initial charge's saga from the agreement's step; the webshop releases the reservation.
        var chargeKey = SagaKey.Charge(msn, ChargeId.Create(initialChargeId).Value);
        await h.EventuallyAsync(chargeKey, v => v.Summary.Status == "Reserved", "Reserved");
        await h.SendAsync(h.PaymentRequests, h.Webshop.ChargeCancelRequested(Msn, initialChargeId));
        await h.EventuallyAsync(chargeKey, v => v.Summary.Status == "Cancelled", "Cancelled");

        var outcomes = await h.OutcomeTypesAsync("agreement.activated.v1", "charge.reserved.v1", "charge.cancelled.v1");
        Assert.Contains("charge.reserved.v1", outcomes);
        Assert.Contains("charge.cancelled.v1", outcomes);
    }

    [Fact]
    public async Task the_demo_plays_the_whole_story_to_the_end()
    {
        // As `dotnet run --project src/PaymentOrchestrator.Local -- demo` does, but on this test's Azurite.
        await using var h = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Local:ApiKeys:0:Key"] = null, ["Local:ApiKeys:0:Name"] = null, ["Local:ApiKeys:0:Source"] = null,
            ["Local:ApiKeys:1:Key"] = null, ["Local:ApiKeys:1:Name"] = null, ["Local:ApiKeys:1:Source"] = null,
            ["Local:ApiKeys:2:Key"] = null, ["Local:ApiKeys:2:Name"] = null, ["Local:ApiKeys:2:Source"] = null,
        });
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });
        console.Profile.Width = 200; // as the CLI's piped output: wide enough that no table cell wraps

        // Played from half past midnight in Oslo, the worst hour: the charge Vipps makes on its due date is read three
        // days later (the clock jump), past the day either side the reconciliation reads our operations in. It still
        // matches because the operation is recorded at the time Vipps' charge history gives, not when we read it.
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var local = TimeZoneInfo.ConvertTime(h.Host.Clock!.GetUtcNow(), oslo);
        var halfPastMidnight = new DateTimeOffset(local.Date.AddMinutes(30), local.Offset);
        await h.Host.AdvanceClockAsync((halfPastMidnight > local ? halfPastMidnight : halfPastMidnight.AddDays(1)) - local);

        var result = await new DemoStory(h.Host, console).RunAsync();

        Assert.Collection(result.Sagas,
            payment => Assert.Equal(("Authorized", 49_900L, 10_000L), (payment.Status, payment.CapturedMinorUnits ?? 0, payment.RefundedMinorUnits ?? 0)),
            agreement => Assert.Equal("Active", agreement.Status),
            charge => Assert.Equal(("Charged", 29_900L), (charge.Status, charge.CapturedMinorUnits ?? 0)));
        Assert.Contains("Demo completed", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Partly refunded", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("customer-details: name, address (Kari N…)", output.ToString(), StringComparison.Ordinal); // shortened: no family name, no address
        Assert.DoesNotContain("Nordmann", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Robert Levins", output.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(result.Reconciliation);
        Assert.All(result.Reconciliation, day => Assert.True(day.IsClean, $"{day.LedgerDate}: {day.Status} {day.Reason} {string.Join(" | ", day.Discrepancies)}"));
        Assert.Equal(3, result.Reconciliation.Sum(d => d.Matched));
        Assert.Equal((49_900L + 29_900L, 10_000L), (result.Reconciliation.Sum(d => d.Captured), result.Reconciliation.Sum(d => d.Refunded)));
        Assert.Contains("Everything matched", output.ToString(), StringComparison.Ordinal);
    }
}
