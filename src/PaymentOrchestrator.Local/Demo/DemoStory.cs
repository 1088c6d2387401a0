using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Events;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Reconciliation;
using PaymentOrchestrator.Orchestration.SalesUnits;
using PaymentOrchestrator.Orchestration.Stores;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Vipps;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Demo;

/// <summary>
/// The whole story against the simulator, step by step: register a sales unit from the Vipps Management API, place an order, the customer approves,
/// the order ships and is captured, finance refunds part of it over the HTTP API, a subscription's agreement is
/// accepted and its first charge is charged on its due date. Events go through the real queues; Vipps answers come
/// from the simulator; webhooks reach the host's HTTP API.
/// </summary>
public sealed class DemoStory(LocalHost host, IAnsiConsole console)
{
    public const string Msn = "123456";
    public const long OrderAmount = 49_900;
    public const long RefundAmount = 10_000;
    public const long SubscriptionPrice = 29_900;
    private const string Currency = "NOK";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);
    private readonly Stopwatch _watch = new();
    private int _step;

    /// <summary>What the demo created, for the final table and for tests.</summary>
    public sealed record Result(string Reference, string SubscriptionId, string ChargeId, IReadOnlyList<SagaSummary> Sagas, IReadOnlyList<ReconciliationDay> Reconciliation, TimeSpan Elapsed);

    public async Task<Result> RunAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host.Simulator);
        _watch.Start();
        var services = host.Services;
        var clock = services.GetRequiredService<TimeProvider>();
        var queries = services.GetRequiredService<SagaQueries>();
        var watcher = new SagaWatcher(queries);
        var queueNames = services.GetRequiredService<IOptions<LocalHostSettings>>().Value.Queues;
        var paymentRequests = services.GetRequiredService<QueueServiceClient>().GetQueueClient(queueNames.PaymentRequests);
        var webshop = new EventFactory(clock, LocalDefaults.WebshopSource);
        var msn = Domain.Values.Msn.Create(Msn).Value;
        var run = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        var reference = $"order-{run}-1001";
        var subscriptionId = $"sub-{run}-coffee";
        var chargeId = $"chg-{run}-001";

        Step($"Host up: API {host.BaseAddress}, Vipps simulator {host.Simulator.BaseAddress}, webhooks {(host.WebhookUrl is null ? "not registered (polling only)" : "registered")}");

        Step($"Register sales unit {Msn} for sources {LocalDefaults.WebshopSource} and {LocalDefaults.FinanceSource}: the Vipps Management API says what it is and may do");
        var registered = await services.GetRequiredService<SalesUnitRegistry>().RegisterAsync(
            new SalesUnitRegistrationRequest(Msn, [LocalDefaults.WebshopSource, LocalDefaults.FinanceSource], KeySetName: LocalDefaults.SimulatorKeySetName), cancellationToken);
        var unit = registered.Unit ?? throw new InvalidOperationException(
            "The demo's sales unit was not registered: " + (registered.NotAtVipps ?? registered.VippsUnreachable ?? string.Join(" ", registered.Problems)));
        Done($"'{unit.Name}' ({unit.Market}, {unit.Currency}); at Vipps: {SalesUnitCapabilities.Describe(unit)}");

        Step($"The webshop places order {reference} for {Money(OrderAmount)}, asking for the customer's name and address to ship to: payment.requested.v1 → queue {queueNames.PaymentRequests}");
        var orderedAt = clock.GetUtcNow();
        await paymentRequests.SendMessageAsync(
            BinaryData.FromBytes(webshop.PaymentRequested(Msn, reference, OrderAmount, Currency, profileScope: ["name", "address"])), cancellationToken: cancellationToken);
        var paymentKey = SagaKey.Payment(msn, PaymentReference.Create(reference).Value);
        var created = await watcher.WaitAsync(paymentKey, v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer", StepTimeout, cancellationToken);
        Done($"Payment created at Vipps; the customer is sent to {SagaWatcher.StateText(created, "redirectUrl")}");

        Step("The customer approves in the Vipps app (simulator)");
        await host.Simulator.Admin.ApprovePaymentAsync(Msn, reference, cancellationToken: cancellationToken);
        await watcher.WaitAsync(paymentKey, v => v.Summary.Status == "Authorized", "Authorized", StepTimeout, cancellationToken);
        Done($"Authorized: {Money(OrderAmount)} reserved");
        Done(CustomerDetailsLine(await OutcomeAsync(services, OutgoingEventTypes.PaymentCustomerDetails, reference, cancellationToken)));

        Step($"The order ships: payment.capture-requested.v1 for {Money(OrderAmount)} → queue {queueNames.PaymentRequests}");
        await paymentRequests.SendMessageAsync(BinaryData.FromBytes(webshop.PaymentCaptureRequested(Msn, reference, "ship-1", OrderAmount, Currency)), cancellationToken: cancellationToken);
        await watcher.WaitAsync(paymentKey, v => v.Summary.CapturedMinorUnits == OrderAmount, "captured", StepTimeout, cancellationToken);
        Done($"Captured {Money(OrderAmount)}");

        Step($"Finance refunds {Money(RefundAmount)} (a returned bag of beans): POST /{OrchestratorNames.Routes.Refunds} with an API key");
        using (var http = new HttpClient { BaseAddress = host.BaseAddress })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, OrchestratorNames.Routes.Refunds)
            {
                Content = JsonContent.Create(new
                {
                    msn = Msn,
                    reference,
                    refundId = "return-1",
                    amount = new { value = RefundAmount, currency = Currency },
                    reason = "Returned goods",
                    requestedBy = "finance@coffee.example",
                }),
            };
            request.Headers.Add(LocalDefaults.ApiKeyHeader, host.SessionApiKey ?? throw new InvalidOperationException("The demo needs the session API key."));
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The refund API answered {(int)response.StatusCode}: {body}");
            }

            Done(string.Create(CultureInfo.InvariantCulture, $"API answered {(int)response.StatusCode} {response.StatusCode}"));
        }

        await watcher.WaitAsync(paymentKey, v => v.Summary.RefundedMinorUnits == RefundAmount, "refunded", StepTimeout, cancellationToken);
        Done($"Refunded {Money(RefundAmount)}; {Money(OrderAmount - RefundAmount)} stays captured");

        Step($"The customer subscribes to coffee for {Money(SubscriptionPrice)} a month: agreement.requested.v1 → queue {queueNames.PaymentRequests}");
        await paymentRequests.SendMessageAsync(BinaryData.FromBytes(webshop.AgreementRequested(Msn, subscriptionId, SubscriptionPrice, Currency, "Coffee subscription")), cancellationToken: cancellationToken);
        var agreementKey = SagaKey.Agreement(msn, SubscriptionId.Create(subscriptionId).Value);
        var pending = await watcher.WaitAsync(agreementKey, v => v.Summary.Status == "Pending", "Pending", StepTimeout, cancellationToken);
        var agreementId = SagaWatcher.StateText(pending, "agreementId") ?? throw new InvalidOperationException("The pending agreement has no agreementId.");
        Done($"Agreement {agreementId} drafted; the customer confirms at {SagaWatcher.StateText(pending, "confirmationUrl")}");

        Step("The customer accepts the agreement in the Vipps app (simulator)");
        await host.Simulator.Admin.AcceptAgreementAsync(Msn, agreementId, cancellationToken: cancellationToken);
        await watcher.WaitAsync(agreementKey, v => v.Summary.Status == "Active", "Active", StepTimeout, cancellationToken);
        Done("Agreement active");

        var due = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(2);
        Step($"The webshop orders the first charge, due {due:yyyy-MM-dd}: charge.requested.v1 → queue {queueNames.PaymentRequests}");
        await paymentRequests.SendMessageAsync(BinaryData.FromBytes(webshop.ChargeRequested(
            Msn, chargeId, agreementId, SubscriptionPrice, Currency, due, "Coffee, first month", subscriptionId: subscriptionId)), cancellationToken: cancellationToken);
        var chargeKey = SagaKey.Charge(msn, ChargeId.Create(chargeId).Value);
        var scheduled = await watcher.WaitAsync(chargeKey, v => v.Summary.Status is "Pending" or "Due", "Pending", StepTimeout, cancellationToken);
        Done($"Charge {chargeId} is {scheduled.Summary.Status} at Vipps");

        Step("Three days pass (the shared clock of host and simulator moves forward); Vipps charges on the due date");
        var now = await host.AdvanceClockAsync(TimeSpan.FromDays(3), cancellationToken);
        await watcher.WaitAsync(chargeKey, v => v.Summary.Status == "Charged", "Charged", StepTimeout, cancellationToken);
        Done($"Charged {Money(SubscriptionPrice)} (clock now {now:yyyy-MM-dd HH:mm} UTC)");

        var reconciliation = services.GetRequiredService<IOptions<ReconciliationOptions>>().Value;
        var zone = reconciliation.ZoneOf(Market.Norway);
        var firstDate = reconciliation.DateOf(orderedAt, zone);
        var lastDate = reconciliation.DateOf(now, zone).AddDays(-1);
        Step($"The ledger dates {firstDate:yyyy-MM-dd} to {lastDate:yyyy-MM-dd} have closed at Vipps: reconcile each against the settlement report (Report API, accounting keys)");
        var job = services.GetRequiredService<ReconciliationJob>();
        var days = new List<ReconciliationDay>();
        for (var date = firstDate; date <= lastDate; date = date.AddDays(1))
        {
            days.Add(await job.ReconcileAsync(msn, date, cancellationToken));
        }

        RenderReconciliation(days);

        var sagas = (await queries.ListAsync(msn, cancellationToken: cancellationToken))
            .Where(s => s.Id.Contains(run, StringComparison.Ordinal)).OrderBy(s => s.CreatedAt).ToList();
        var counters = await host.Simulator.Admin.GetCountersAsync(cancellationToken);
        var outcomes = await OutcomeTypesAsync(services, cancellationToken);
        _watch.Stop();
        Render(sagas, counters, outcomes);
        return new Result(reference, subscriptionId, chargeId, sagas, days, _watch.Elapsed);
    }

    private void Render(IReadOnlyList<SagaSummary> sagas, VippsSimulator.SimulatorCounters counters, IReadOnlyList<string> outcomes)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Sales unit 123456 — final state[/]");
        foreach (var column in new[] { "Kind", "Id", "Status", "Amount", "Captured", "Refunded" })
        {
            table.AddColumn(column is "Amount" or "Captured" or "Refunded" ? new TableColumn(column).RightAligned() : new TableColumn(column));
        }

        foreach (var saga in sagas)
        {
            table.AddRow(
                saga.Kind.ToString(), Markup.Escape(saga.Id), StatusMarkup(saga.MoneyStatus),
                Amount(saga.AmountMinorUnits, saga.Currency), Amount(saga.CapturedMinorUnits, saga.Currency), Amount(saga.RefundedMinorUnits, saga.Currency));
        }

        console.WriteLine();
        console.Write(table);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Vipps (simulator): {counters.Captures.Values.Sum()} capture(s), {counters.Refunds.Values.Sum()} refund(s), {counters.WebhookDeliveries} webhook deliveries, {counters.IdempotentReplays} idempotent replays.")));
        console.MarkupLine(Markup.Escape($"Outcome events on payment-events: {string.Join(", ", outcomes)}"));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Demo completed in {_watch.Elapsed.TotalSeconds:0.0} s.")));
    }

    private void RenderReconciliation(IReadOnlyList<ReconciliationDay> days)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Reconciliation against Vipps' settlements[/]");
        foreach (var column in new[] { "Ledger date", "Status", "Matched", "Discrepancies", "Captured", "Refunded", "Fees", "Payout" })
        {
            table.AddColumn(column is "Ledger date" or "Status" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }

        foreach (var day in days)
        {
            table.AddRow(day.LedgerDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StatusMarkup(day.IsClean ? "Matched" : day.Status.ToString()),
                day.Matched.ToString(CultureInfo.InvariantCulture), day.Discrepancies.Count.ToString(CultureInfo.InvariantCulture),
                Amount(day.Captured, day.Currency), Amount(day.Refunded, day.Currency), Amount(day.Fees, day.Currency), Amount(day.Payout, day.Currency));
        }

        console.Write(table);
        if (days.All(d => d.IsClean))
        {
            Done(string.Create(CultureInfo.InvariantCulture,
                $"Everything matched: {days.Sum(d => d.Matched)} operations; captured {Money(days.Sum(d => d.Captured))}, refunded {Money(days.Sum(d => d.Refunded))}, fees {Money(days.Sum(d => d.Fees))}, paid out {Money(days.Sum(d => d.Payout))}"));
        }
        else
        {
            console.MarkupLine(Markup.Escape($"Reconciliation found {days.Sum(d => d.Discrepancies.Count)} discrepancies ({string.Join(", ", days.Where(d => !d.IsClean).Select(d => $"{d.LedgerDate:yyyy-MM-dd}: {d.Status} {d.Reason}"))})."));
        }
    }

    private static async Task<IReadOnlyList<string>> OutcomeTypesAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        [.. (await OutcomesAsync(services, cancellationToken)).Select(o => o.GetProperty("type").GetString()!)];

    /// <summary>The outcome events on payment-events (peeked, as the webshop would read them), each a CloudEvent.</summary>
    private static async Task<IReadOnlyList<JsonElement>> OutcomesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(services.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentEventsQueue);
        var outcomes = new List<JsonElement>();
        foreach (var message in (await queue.PeekMessagesAsync(QueueLimits.MaxMessagesPerReceive, cancellationToken)).Value)
        {
            try
            {
                using var json = JsonDocument.Parse(message.Body.ToMemory());
                if (json.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    outcomes.Add(json.RootElement.Clone());
                }
            }
            catch (JsonException)
            {
                // Not ours.
            }
        }

        return outcomes;
    }

    /// <summary>Waits for the outcome of <paramref name="type"/> about <paramref name="reference"/> to arrive; returns its <c>data</c>.</summary>
    private static async Task<JsonElement> OutcomeAsync(IServiceProvider services, string type, string reference, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + StepTimeout;
        while (true)
        {
            var outcome = (await OutcomesAsync(services, cancellationToken)).FirstOrDefault(o =>
                o.GetProperty("type").GetString() == type && o.TryGetProperty("data", out var data)
                && data.TryGetProperty("reference", out var r) && r.GetString() == reference);
            if (outcome.ValueKind == JsonValueKind.Object)
            {
                return outcome.GetProperty("data");
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"No {type} for {reference} arrived within {StepTimeout.TotalSeconds:0} s."));
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// The customer-details outcome in one short line, as the webshop got it: the claims and the name cut short
    /// (<c>customer-details: name, address (Kari N…)</c>) — the demo shows that the details arrived, not the details.
    /// </summary>
    internal static string CustomerDetailsLine(JsonElement data)
    {
        var customer = data.GetProperty("customer");
        var claims = string.Join(", ", customer.GetProperty("claims").EnumerateArray().Select(c => c.GetString()));
        var given = customer.TryGetProperty("givenName", out var g) ? g.GetString() : null;
        var family = customer.TryGetProperty("familyName", out var f) ? f.GetString() : null;
        var name = (given, family) switch
        {
            ({ } gn, { Length: > 0 } fn) => $" ({gn} {fn[0]}…)",
            ({ } gn, _) => $" ({gn})",
            _ => string.Empty,
        };
        return customer.GetProperty("result").GetString() == "shared"
            ? $"customer-details: {claims}{name}"
            : $"customer-details: {customer.GetProperty("result").GetString()} ({(data.TryGetProperty("reason", out var reason) ? reason.GetString() : "no reason given")})";
    }

    private static string StatusMarkup(string status) => status switch
    {
        MoneyStatus.Authorized or MoneyStatus.Active or MoneyStatus.Charged or "Matched" or MoneyStatus.Captured or MoneyStatus.PartlyRefunded
            or MoneyStatus.Refunded => $"[green]{status}[/]",
        MoneyStatus.NeedsAttention or MoneyStatus.Failed => $"[red]{status}[/]",
        _ => $"[yellow]{Markup.Escape(status)}[/]",
    };

    private static string Amount(long? minorUnits, string? currency) =>
        minorUnits is { } m ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{m / 100m:N2} {currency}")) : "";

    private static string Money(long minorUnits) => string.Create(CultureInfo.InvariantCulture, $"NOK {minorUnits / 100m:N2}");

    private void Step(string text)
    {
        _step++;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{_watch.Elapsed.TotalSeconds,5:0.0}s[/] [bold blue]{_step,2}.[/] {Markup.Escape(text)}"));
    }

    private void Done(string text) =>
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{_watch.Elapsed.TotalSeconds,5:0.0}s[/]     [green]✓[/] {Markup.Escape(text)}"));
}
