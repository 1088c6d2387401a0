using System.Net.Http.Json;
using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>
/// Walks through the main views with real data (a saga Vipps refused, a refunded payment, a dead letter) and photographs
/// each. The pictures go to artifacts/console-screenshots, or to CONSOLE_SCREENSHOTS_DIR (docs/ for the README).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleScreenshotTests(ConsoleFixture f)
{
    private const string Msn = ConsoleFixture.Msn;

    static ConsoleScreenshotTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task the_main_views_show_a_stopped_saga_a_refunded_payment_and_a_dead_letter()
    {
        var dir = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot.Path, "artifacts", "console-screenshots");
        Directory.CreateDirectory(dir);

        // Vipps refuses the next create: that payment stops in NeedsAttention with Vipps' problem.
        await f.Admin.AddFaultAsync(new FaultRule { Route = "epayment.create", Kind = FaultKind.Error, Status = 400, Count = 1 });
        // Readable order numbers for the pictures (unique per run: the first digits come from the clock).
        var order = (DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond % 90_000) + 10_000;
        var stuck = $"order-{order}";
        await f.PaymentRequests.SendMessageAsync(BinaryData.FromBytes(f.Webshop.PaymentRequested(Msn, stuck, 129_00, "NOK")));
        await f.EventuallyAsync(ConsoleFixture.PaymentKey(stuck), v => v.Summary.Status == "NeedsAttention", "NeedsAttention");

        var refunded = await f.PaymentAsync("order", 49_900, "Captured", $"order-{order + 1}");
        using (var http = new HttpClient { BaseAddress = f.Host.BaseAddress })
        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/refunds"))
        {
            request.Headers.Add("x-api-key", ConsoleFixture.FinanceKey);
            request.Content = JsonContent.Create(new
            {
                msn = Msn, reference = refunded, refundId = "return-1", amount = new { value = 10_000, currency = "NOK" }, reason = "Returned: wrong size", requestedBy = "finance/demo",
            });
            Assert.True((await http.SendAsync(request)).IsSuccessStatusCode);
        }

        await f.EventuallyAsync(ConsoleFixture.PaymentKey(refunded), v => v.Summary.RefundedMinorUnits == 10_000, "refunded");
        await f.PaymentAsync("order", 24_900, "Authorized", $"order-{order + 2}");
        await f.PaymentAsync("order", 8_990, "AwaitingCustomer", $"order-{order + 3}");
        // The list shows what happened to the money: captured in full, and cancelled before capture.
        await f.PaymentAsync("order", 15_900, "Captured", $"order-{order + 4}");
        var cancelled = await f.PaymentAsync("order", 35_000, "Authorized", $"order-{order + 5}");
        await f.PaymentRequests.SendMessageAsync(BinaryData.FromBytes(f.Webshop.PaymentCancelRequested(Msn, cancelled)));
        await f.EventuallyAsync(ConsoleFixture.PaymentKey(cancelled), v => v.Summary.MoneyStatus == "Cancelled", "Cancelled");

        var danish = Domain.Values.Msn.Create("223344").Value;
        await f.SalesUnits.RegisterAsync(new SalesUnitRegistration(danish, "Danish shop", Market.Denmark, Vipps.VippsEnvironment.Production, "partner",
            [Local.Configuration.LocalDefaults.WebshopSource, Local.Configuration.LocalDefaults.FinanceSource], SalesUnitStatus.Disabled));
        var letterRef = $"dk-{Guid.NewGuid():N}"[..20];
        await f.PaymentRequests.SendMessageAsync(BinaryData.FromBytes(f.Webshop.PaymentRequested("223344", letterRef, 15_000, "DKK")));

        await using var p = await f.NewPageAsync(1280, 860);
        await p.Page.GotoAsync("/");
        await Expect(p.Page.GetByLabel("API key")).ToBeFocusedAsync();
        await ShotAsync(p.Page, dir, "sign-in");

        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await Expect(p.Page.GetByRole(AriaRole.Link, new() { Name = refunded })).ToBeVisibleAsync();
        await ShotAsync(p.Page, dir, "payments");

        await p.Page.GetByRole(AriaRole.Link, new() { Name = refunded }).ClickAsync();
        await Expect(p.Page.Locator("td.reason")).ToHaveTextAsync("Returned: wrong size");
        await ShotAsync(p.Page, dir, "payment");

        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Refund…" }).ClickAsync();
        await p.Page.GetByLabel("Amount (NOK)").FillAsync("150");
        await p.Page.GetByLabel("Reason").FillAsync("Late delivery, goodwill");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();
        await Expect(p.Page.GetByRole(AriaRole.Button, new() { Name = "Back" })).ToBeFocusedAsync();
        await ShotAsync(p.Page, dir, "refund");
        await p.Page.Keyboard.PressAsync("Escape");
        await Expect(p.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await p.Page.GetByRole(AriaRole.Link, new() { Name = "Needs attention" }).ClickAsync();
        var stopped = p.Page.Locator("li", new() { HasText = stuck });
        await Expect(stopped).ToContainTextAsync("Needs attention");
        await Expect(stopped).ToContainTextAsync("Vipps answered 400");
        var letter = p.Page.Locator(".letter", new() { HasText = letterRef });
        for (var i = 0; i < 30 && await letter.CountAsync() == 0; i++)
        {
            await Task.Delay(1000);
            await p.Page.ReloadAsync();
        }

        await Expect(letter).ToContainTextAsync("SalesUnitDisabled");
        await ShotAsync(p.Page, dir, "needs-attention");

        await using var phone = await f.NewPageAsync(390, 844);
        await phone.SignInAsync(ConsoleFixture.FinanceKey);
        await Expect(phone.Page.GetByRole(AriaRole.Link, new() { Name = refunded })).ToBeVisibleAsync();
        await ShotAsync(phone.Page, dir, "phone");
        Assert.Empty(p.Problems);
        Assert.Empty(phone.Problems);
    }

    private static async Task ShotAsync(IPage page, string dir, string name)
    {
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, $"console-{name}.png"), Animations = ScreenshotAnimations.Disabled });
    }

}
