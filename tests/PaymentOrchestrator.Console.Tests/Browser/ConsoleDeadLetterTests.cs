using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaymentOrchestrator.Console.Tests.Support;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Events;
using static Microsoft.Playwright.Assertions;

namespace PaymentOrchestrator.Console.Tests.Browser;

/// <summary>
/// A dead letter refused for a permanent reason in a real browser (issue 24 item 7): offered for replay only with the
/// warning that it will be refused again, and after a replay that was refused again it still shows when and why it was
/// first dead-lettered, and the replay.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleDeadLetterTests(ConsoleFixture f)
{
    static ConsoleDeadLetterTests() => SetDefaultExpectTimeout(30_000);

    [Theory]
    [InlineData("en-GB", "Europe/Oslo")]
    [InlineData("nb-NO", "Europe/Oslo")]
    public async Task a_letter_refused_for_good_is_replayed_only_past_its_warning_and_keeps_its_first_dead_lettering(string locale, string timeZone)
    {
        // Finance asks for a refund in Danish kroner on a Norwegian sales unit: refused for the message's own sake.
        var refundId = "dk-" + Guid.NewGuid().ToString("N")[..10];
        var finance = new EventFactory(f.Host.Services.GetRequiredService<TimeProvider>(), LocalDefaults.FinanceSource);
        var refunds = f.Host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(f.Host.Settings.Queues.RefundRequests);
        await refunds.SendMessageAsync(BinaryData.FromBytes(finance.PaymentRefundRequested(ConsoleFixture.Msn, "order-" + refundId, refundId, 1_000, "DKK", "Wrong currency", "finance")));

        await using var p = await f.NewPageAsync(locale: locale, timeZone: timeZone);
        await p.SignInAsync(ConsoleFixture.FinanceKey);
        await p.Page.GetByRole(AriaRole.Link, new() { Name = "Needs attention" }).ClickAsync();
        var letter = p.Page.Locator(".letter", new() { HasText = refundId });
        await p.ReloadUntilShownAsync(letter);

        var warning = letter.Locator(".warning");
        await Expect(warning).ToContainTextAsync("Refused because CurrencyMismatch: data: currency DKK does not match");
        await Expect(warning).ToContainTextAsync("Replaying it unchanged will be refused again");
        var firstAt = await letter.Locator("p").First.Locator("time").GetAttributeAsync("datetime");
        await Expect(letter.Locator(".history")).ToHaveCountAsync(0);

        // Focus starts on Cancel; only "Replay anyway" sends it.
        var replay = letter.GetByRole(AriaRole.Button, new() { Name = "Replay anyway message" });
        await Expect(replay).ToHaveTextAsync("Replay anyway…");
        await replay.ClickAsync();
        var dialog = p.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Replay a message refused for good?");
        await Expect(dialog.Locator(".warning")).ToContainTextAsync("Replaying it unchanged will be refused again");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Replay anyway" }).ClickAsync();
        await Expect(p.Page.Locator(".toast")).ToContainTextAsync("Replayed 1 message");

        // Refused again by the worker: a new dead letter, which still says when and why it was first dead-lettered.
        var history = letter.Locator(".history");
        await p.ReloadUntilShownAsync(history);
        await Expect(history).ToContainTextAsync("First dead-lettered");
        await Expect(history).ToContainTextAsync("(CurrencyMismatch, after 1 delivery); replayed 1 time");
        Assert.Equal(firstAt, await history.Locator("time").First.GetAttributeAsync("datetime"));
        Assert.NotEqual(firstAt, await letter.Locator("p").First.Locator("time").GetAttributeAsync("datetime"));
        Assert.Empty(p.Problems);
    }
}
