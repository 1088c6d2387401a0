using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PaymentOrchestrator.EndToEnd.Tests.Support;

namespace PaymentOrchestrator.EndToEnd.Tests.Epayment;

public sealed class EpaymentFlowTests
{
    private const string Msn = TestHost.Msn;

    [Fact]
    public async Task an_order_is_created_approved_captured_over_the_queue_and_partly_refunded_over_http()
    {
        await using var h = await TestHost.StartAsync();
        var reference = TestHost.NewReference();
        var key = TestHost.PaymentKey(reference);

        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentRequested(Msn, reference, 49_900, "NOK"));
        await h.EventuallyAsync(key, v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");

        await h.Admin.ApprovePaymentAsync(Msn, reference);
        await h.EventuallyAsync(key, v => v.Summary.Status == "Authorized", "Authorized");

        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentCaptureRequested(Msn, reference, "ship-1", 49_900, "NOK"));
        await h.EventuallyAsync(key, v => v.Summary.CapturedMinorUnits == 49_900, "captured");

        using var refund = await h.PostRefundAsync(new
        {
            msn = Msn, reference, refundId = "return-1", amount = new { value = 10_000, currency = "NOK" }, reason = "Returned goods", requestedBy = "finance@shop.example",
        }, TestHost.FinanceKey);
        Assert.Equal(HttpStatusCode.Accepted, refund.StatusCode);
        Assert.Contains($"/api/sales-units/{Msn}/payments/{reference}", refund.Headers.Location!.ToString(), StringComparison.Ordinal);
        await h.EventuallyAsync(key, v => v.Summary.RefundedMinorUnits == 10_000, "refunded");

        // The same refund posted again is a duplicate, not a second refund.
        using var again = await h.PostRefundAsync(new
        {
            msn = Msn, reference, refundId = "return-1", amount = new { value = 10_000, currency = "NOK" }, reason = "Returned goods", requestedBy = "finance@shop.example",
        }, TestHost.FinanceKey);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // The same refundId with another amount or reason is refused, in both request forms, and refunds nothing more.
        foreach (var (amount, reason) in new[] { (20_000L, "Returned goods"), (10_000L, "Another reason") })
        {
            using var reusedBody = await h.PostRefundAsync(new
            {
                msn = Msn, reference, refundId = "return-1", amount = new { value = amount, currency = "NOK" }, reason, requestedBy = "finance@shop.example",
            }, TestHost.FinanceKey);
            Assert.Equal(HttpStatusCode.Conflict, reusedBody.StatusCode);
            Assert.Equal("refund-id-reused", (await reusedBody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

            var cloudEvent = new Local.Events.EventFactory(TimeProvider.System, Local.Configuration.LocalDefaults.FinanceSource)
                .PaymentRefundRequested(Msn, reference, "return-1", amount, "NOK", reason, "finance@shop.example");
            using var content = new ByteArrayContent(cloudEvent);
            content.Headers.TryAddWithoutValidation("Content-Type", "application/cloudevents+json");
            using var request = new HttpRequestMessage(HttpMethod.Post, Orchestration.OrchestratorNames.Routes.Refunds) { Content = content };
            request.Headers.Add(Local.Configuration.LocalDefaults.ApiKeyHeader, TestHost.FinanceKey);
            using var reusedEvent = await h.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Conflict, reusedEvent.StatusCode);
            Assert.Equal("refund-id-reused", (await reusedEvent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        // What a person reads: the money's state in words, where the customer approves, no polling bookkeeping.
        var cliOutput = new StringWriter();
        var cli = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(cliOutput), Ansi = Spectre.Console.AnsiSupport.No,
        });
        cli.Profile.Width = 400;
        string[] status = ["status", "--msn", Msn, "--reference", reference, .. h.SettingsUsed.Where(s => s.Value is not null).SelectMany(s => new[] { "--set", $"{s.Key}={s.Value}" })];
        Assert.Equal(0, await Local.Cli.CliApplication.RunAsync(status, cli));
        var shown = cliOutput.ToString();
        Assert.Contains("Partly refunded", shown, StringComparison.Ordinal);
        Assert.Contains("return-1", shown, StringComparison.Ordinal); // the refund, from its own row
        Assert.Contains($"finance, {Local.Configuration.LocalDefaults.FinanceSource}, ", shown, StringComparison.Ordinal); // who asked: the key's name and source
        Assert.Contains("Customer approves at: http", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("PollScheduled", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Polling stopped", shown, StringComparison.Ordinal);

        using var one = await h.GetAsync($"api/sales-units/{Msn}/payments/{reference}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var view = await one.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Authorized", view.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(49_900, view.GetProperty("summary").GetProperty("capturedMinorUnits").GetInt64());
        Assert.Equal(10_000, view.GetProperty("summary").GetProperty("refundedMinorUnits").GetInt64());
        var timeline = view.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.True(timeline.Count >= 6, "the timeline records every step: " + string.Join(", ", timeline));

        using var list = await h.GetAsync($"api/sales-units/{Msn}/payments");
        var payments = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("payments").EnumerateArray().ToList();
        Assert.Contains(payments, p => p.GetProperty("id").GetString() == reference);

        var counters = await h.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(Msn, reference));
        Assert.Equal(1, counters.RefundsOf(Msn, reference));
        var outcomes = await h.OutcomeTypesAsync("payment.created.v1", "payment.authorized.v1", "payment.captured.v1", "payment.refunded.v1");
        Assert.Contains("payment.created.v1", outcomes);
        Assert.Contains("payment.authorized.v1", outcomes);
        Assert.Contains("payment.captured.v1", outcomes);
        Assert.Contains("payment.refunded.v1", outcomes);
    }

    [Fact]
    public async Task a_payment_the_customer_rejects_ends_aborted_and_one_left_waiting_ends_expired()
    {
        await using var h = await TestHost.StartAsync();
        var rejected = TestHost.NewReference("rejected");
        var expired = TestHost.NewReference("expired");

        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentRequested(Msn, rejected, 10_000, "NOK"));
        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentRequested(Msn, expired, 20_000, "NOK"));
        await h.EventuallyAsync(TestHost.PaymentKey(rejected), v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
        await h.EventuallyAsync(TestHost.PaymentKey(expired), v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");

        await h.Admin.RejectPaymentAsync(Msn, rejected);
        await h.Admin.ExpirePaymentAsync(Msn, expired);

        await h.EventuallyAsync(TestHost.PaymentKey(rejected), v => v.Summary.Status == "Aborted" && v.Summary.IsFinished, "Aborted");
        await h.EventuallyAsync(TestHost.PaymentKey(expired), v => v.Summary.Status == "Expired" && v.Summary.IsFinished, "Expired");
        var outcomes = await h.OutcomeTypesAsync("payment.aborted.v1", "payment.expired.v1");
        Assert.Contains("payment.aborted.v1", outcomes);
        Assert.Contains("payment.expired.v1", outcomes);
        Assert.Empty((await h.Admin.GetCountersAsync()).Captures);
    }
}
