using System.Net.Http.Json;
using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>What a person sees when something is refused or down.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleStatesTests(ConsoleFixture f)
{
    private const string Msn = ConsoleFixture.Msn;

    static ConsoleStatesTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task a_refund_that_no_longer_fits_is_refused_with_the_arithmetic()
    {
        var reference = await f.PaymentAsync("conflict", 30_000, "Captured");
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GotoAsync($"/#/payment/{Msn}/payment/{reference}");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        await Expect(p.Page.GetByLabel("Amount (NOK)")).ToHaveValueAsync("300.00");
        await p.Page.GetByLabel("Reason").FillAsync("Broken on arrival");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();

        // Meanwhile someone else refunds 250.00 of it.
        using (var http = new HttpClient { BaseAddress = f.Host.BaseAddress })
        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/refunds"))
        {
            request.Headers.Add("x-api-key", ConsoleFixture.FinanceKey);
            request.Content = JsonContent.Create(new
            {
                msn = Msn, reference, refundId = "elsewhere-1", amount = new { value = 25_000, currency = "NOK" }, reason = "Other tab", requestedBy = "finance/demo",
            });
            Assert.True((await http.SendAsync(request)).IsSuccessStatusCode);
        }

        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm refund" }).ClickAsync();
        var alert = p.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("The payment refused this refund");
        // In kr as on the page, not in øre.
        await Expect(alert).ToContainTextAsync("Refund of NOK 300.00 exceeds what may be refunded (NOK 50.00 = captured NOK 300.00 − refunded NOK");
        await Expect(alert).Not.ToContainTextAsync("30000");
        await Expect(alert).ToContainTextAsync("HTTP 409");
        Assert.Equal(1, (await f.Admin.GetCountersAsync()).RefundsOf(Msn, reference));
    }

    [Fact]
    public async Task storage_that_does_not_answer_is_shown_as_such_with_a_way_to_try_again()
    {
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        // The host's own 503 problem, as GuardAsync writes it when storage does not answer.
        await p.Page.RouteAsync("**/payment-list?**", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/problem+json",
            Body = """{"type":"https://payment-orchestrator.local/problems/storage-unavailable","title":"Storage unreachable","status":503,"detail":"The orchestrator's storage did not answer; try again in a moment. (HttpRequestException)","code":"storage-unavailable"}""",
        }));
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        var alert = p.Page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Storage unreachable");
        await Expect(alert).ToContainTextAsync("storage-unavailable");
        await Expect(p.Page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" })).ToBeDisabledAsync();

        await p.Page.UnrouteAllAsync();
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_key_revoked_while_the_page_is_open_sends_the_person_back_to_sign_in()
    {
        await using var p = await f.NewPageAsync();
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.EvaluateAsync("() => sessionStorage.setItem('paymentConsole.apiKey', 'revoked-key-0123456789abcdef')");
        await p.Page.GetByRole(AriaRole.Link, new() { Name = "Needs attention" }).ClickAsync();

        await Expect(p.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(p.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your key was refused");
        Assert.Null(await p.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('paymentConsole.apiKey')"));
    }
}
