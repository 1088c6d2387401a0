using System.CommandLine;
using System.Globalization;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Events;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>
/// <c>send &lt;type&gt;</c>: builds a well-formed CloudEvent from flags (or takes one from <c>--file</c>), checks it with
/// the same parser the host uses, and puts it on its queue (refunds on <c>refund-requests</c>, the rest on
/// <c>payment-requests</c>).
/// </summary>
internal static class SendCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var type = new Argument<string>("type")
        {
            Description = "Event type, e.g. payment.requested, payment.capture-requested, payment.refund-requested, payment.cancel-requested, agreement.requested, agreement.stop-requested, charge.requested, charge.capture-requested, charge.refund-requested, charge.cancel-requested (the .v1 suffix is optional).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var file = new Option<FileInfo?>("--file") { Description = "Send this CloudEvent JSON file as it is (after checking it)." };
        var msn = new Option<string>("--msn") { Description = "Merchant serial number.", DefaultValueFactory = _ => "123456" };
        var reference = new Option<string?>("--reference") { Description = "Payment reference (8-50 of A-Z a-z 0-9 -); new one when left out for payment.requested." };
        var amount = new Option<long?>("--amount") { Description = "Amount in minor units (øre, cents), e.g. 49900." };
        var currency = new Option<string>("--currency") { Description = "NOK, DKK or EUR.", DefaultValueFactory = _ => "NOK" };
        var captureId = new Option<string?>("--capture-id") { Description = "The webshop's capture id." };
        var refundId = new Option<string?>("--refund-id") { Description = "Finance's refund id." };
        var reason = new Option<string>("--reason") { Description = "Refund reason.", DefaultValueFactory = _ => "Customer return" };
        var requestedBy = new Option<string>("--requested-by") { Description = "Who asked for the refund.", DefaultValueFactory = _ => "finance@shop.example" };
        var subscriptionId = new Option<string?>("--subscription-id") { Description = "The webshop's subscription id." };
        var agreementId = new Option<string?>("--agreement-id") { Description = "Vipps' agreement id (from agreement.pending.v1)." };
        var chargeId = new Option<string?>("--charge-id") { Description = "Charge id (the webshop's orderId)." };
        var due = new Option<DateOnly?>("--due") { Description = "Charge due date yyyy-MM-dd (default: two days from today)." };
        var retryDays = new Option<int>("--retry-days") { Description = "Charge retry days.", DefaultValueFactory = _ => 2 };
        var productName = new Option<string>("--product-name") { Description = "Agreement product name.", DefaultValueFactory = _ => "Subscription" };
        var profileScope = new Option<string?>("--profile-scope") { Description = "payment.requested / agreement.requested: customer details to ask Vipps for, e.g. name,address (of name, email, phoneNumber, address, birthDate)." };
        var source = new Option<string?>("--source") { Description = "CloudEvents source (default webshop/demo; finance/demo for refunds)." };
        var id = new Option<string?>("--id") { Description = "CloudEvents id (default: a new one)." };
        var queue = new Option<string?>("--queue") { Description = "Queue to send to (default by type)." };

        var command = new Command("send", "Publish an incoming event to its queue.")
        {
            type, file, msn, reference, amount, currency, captureId, refundId, reason, requestedBy, subscriptionId, agreementId, chargeId, due,
            retryDays, productName, profileScope, source, id, queue,
        };
        command.SetAction((parse, cancellationToken) => CliApplication.WithStorageAsync(console, parse, async storage =>
        {
            byte[] body;
            var typeName = Normalize(parse.GetValue(type));
            if (parse.GetValue(file) is { } path)
            {
                if (!File.Exists(path.FullName))
                {
                    console.MarkupLine("[red]" + Markup.Escape(Directory.Exists(path.FullName)
                        ? $"--file {path.FullName} is a directory; give a CloudEvent JSON file."
                        : $"--file {path.FullName} does not exist.") + "[/]");
                    return 2;
                }

                body = await File.ReadAllBytesAsync(path.FullName, cancellationToken);
            }
            else
            {
                if (typeName is null)
                {
                    console.MarkupLine("[red]Give an event type or --file.[/]");
                    return 2;
                }

                var isRefund = typeName.Contains("refund", StringComparison.Ordinal);
                var factory = new EventFactory(storage.Time, parse.GetValue(source) ?? (isRefund ? LocalDefaults.FinanceSource : LocalDefaults.WebshopSource));
                var m = parse.GetValue(msn)!;
                var c = parse.GetValue(currency)!;
                var eventId = parse.GetValue(id);
                string Need(Option<string?> option) => parse.GetValue(option) ?? throw new ArgumentException($"{option.Name} is required for {typeName}.");
                long NeedAmount() => parse.GetValue(amount) ?? throw new ArgumentException($"--amount is required for {typeName}.");
                var claims = parse.GetValue(profileScope)?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                try
                {
                    body = typeName switch
                    {
                        IncomingEventTypes.PaymentRequested => factory.PaymentRequested(m, parse.GetValue(reference) ?? NewReference(), NeedAmount(), c, id: eventId, profileScope: claims),
                        IncomingEventTypes.PaymentCaptureRequested => factory.PaymentCaptureRequested(m, Need(reference), parse.GetValue(captureId) ?? "capture-1", NeedAmount(), c, eventId),
                        IncomingEventTypes.PaymentCancelRequested => factory.PaymentCancelRequested(m, Need(reference), eventId),
                        IncomingEventTypes.PaymentRefundRequested => factory.PaymentRefundRequested(m, Need(reference), parse.GetValue(refundId) ?? "refund-1", NeedAmount(), c, parse.GetValue(reason)!, parse.GetValue(requestedBy)!, eventId),
                        IncomingEventTypes.AgreementRequested => factory.AgreementRequested(m, Need(subscriptionId), NeedAmount(), c, parse.GetValue(productName)!, id: eventId, profileScope: claims),
                        IncomingEventTypes.AgreementStopRequested => factory.AgreementStopRequested(m, Need(subscriptionId), eventId),
                        IncomingEventTypes.ChargeRequested => factory.ChargeRequested(m, Need(chargeId), Need(agreementId), NeedAmount(), c,
                            parse.GetValue(due) ?? DateOnly.FromDateTime(storage.Time.GetUtcNow().UtcDateTime).AddDays(2), "Subscription charge",
                            parse.GetValue(retryDays), subscriptionId: parse.GetValue(subscriptionId), id: eventId),
                        IncomingEventTypes.ChargeCaptureRequested => factory.ChargeCaptureRequested(m, Need(chargeId), parse.GetValue(captureId) ?? "capture-1", NeedAmount(), c, eventId),
                        IncomingEventTypes.ChargeRefundRequested => factory.ChargeRefundRequested(m, Need(chargeId), parse.GetValue(refundId) ?? "refund-1", NeedAmount(), c, parse.GetValue(reason)!, parse.GetValue(requestedBy)!, eventId),
                        IncomingEventTypes.ChargeCancelRequested => factory.ChargeCancelRequested(m, Need(chargeId), eventId),
                        _ => throw new ArgumentException($"Unknown event type '{parse.GetValue(type)}'. Known: {string.Join(", ", IncomingEventTypes.All.Order(StringComparer.Ordinal))}."),
                    };
                }
                catch (ArgumentException e)
                {
                    console.MarkupLine("[red]" + Markup.Escape(e.Message) + "[/]");
                    return 2;
                }
            }

            if (IncomingEventParser.Parse(body, 64 * 1024) is Rejected rejected)
            {
                console.MarkupLine($"[red]Not sent: {rejected.Code}[/] " + Markup.Escape(rejected.Message));
                return 1;
            }

            var parsed = ((Parsed)IncomingEventParser.Parse(body, 64 * 1024)).Event;
            await storage.SalesUnits.CreateTableIfNotExistsAsync(cancellationToken);
            if (await storage.SalesUnits.GetAsync(parsed.Msn, cancellationToken) is null)
            {
                console.MarkupLine("[red]" + Markup.Escape($"Not sent: sales unit {parsed.Msn} is not registered (sales-units add, or sales-units list).") + "[/]");
                return 1;
            }

            var queueName = parse.GetValue(queue) ?? (EventTypeSetsContains(parsed.Envelope.Type) ? storage.Settings.Queues.RefundRequests : storage.Settings.Queues.PaymentRequests);
            var receipt = await storage.Queues.GetQueueClient(queueName).SendMessageAsync(BinaryData.FromBytes(body), cancellationToken: cancellationToken);
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Sent {parsed.Envelope.Type} id {parsed.Envelope.Id} for {parsed.SagaKey} to {queueName} (message {receipt.Value.MessageId}).")));
            console.MarkupLine(Markup.Escape($"Follow it: dotnet run --project src/PaymentOrchestrator.Local -- status --msn {parsed.Msn} --reference {parsed.SagaKey.Id}"));
            return 0;
        }));
        return command;
    }

    /// <summary><c>payment.requested</c> → <c>payment.requested.v1</c>.</summary>
    internal static string? Normalize(string? type) =>
        type is null ? null : type.EndsWith(".v1", StringComparison.Ordinal) ? type : type + ".v1";

    private static bool EventTypeSetsContains(string type) => Orchestration.Processing.EventTypeSets.RefundRequests.Contains(type);

    private static string NewReference() => "order-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
}
