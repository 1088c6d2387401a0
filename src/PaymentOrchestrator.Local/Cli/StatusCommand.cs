using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary><c>status --msn X [--reference R]</c>: a sales unit's payments, or one payment's timeline.</summary>
internal static class StatusCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var msn = new Option<string>("--msn") { Description = "Merchant serial number.", Required = true };
        var reference = new Option<string?>("--reference") { Description = "A payment reference, subscription id or charge id: show its timeline." };
        var kind = new Option<SagaKind?>("--kind") { Description = "Payment, Agreement or Charge (default: all, or the first match for --reference)." };
        var command = new Command("status", "Show a sales unit's payments, agreements and charges, or one of them with its full timeline.") { msn, reference, kind };
        command.SetAction((parse, cancellationToken) => CliApplication.WithStorageAsync(console, parse, async storage =>
        {
            var parsedMsn = Msn.Create(parse.GetValue(msn));
            if (!parsedMsn.IsValid)
            {
                console.MarkupLine("[red]" + Markup.Escape(parsedMsn.Error!) + "[/]");
                return 2;
            }

            await storage.SalesUnits.CreateTableIfNotExistsAsync(cancellationToken);
            if (await storage.SalesUnits.GetAsync(parsedMsn.Value, cancellationToken) is null)
            {
                console.MarkupLine("[red]" + Markup.Escape($"Sales unit {parsedMsn.Value} is not registered (sales-units list shows those that are).") + "[/]");
                return 1;
            }

            if (parse.GetValue(reference) is not { } id)
            {
                var sagas = await storage.Queries.ListAsync(parsedMsn.Value, parse.GetValue(kind), cancellationToken);
                if (sagas.Count == 0)
                {
                    console.MarkupLine($"Sales unit {parsedMsn.Value} has no payments yet.");
                    return 0;
                }

                console.Write(SummaryTable(sagas.OrderBy(s => s.CreatedAt)));
                return 0;
            }

            foreach (var candidate in parse.GetValue(kind) is { } k ? [k] : new[] { SagaKind.Payment, SagaKind.Charge, SagaKind.Agreement })
            {
                if (await storage.Queries.GetAsync(new SagaKey(candidate, parsedMsn.Value, id), cancellationToken) is { } view)
                {
                    console.Write(SummaryTable([view.Summary]));
                    foreach (var (label, value) in NextStepLinks(view.State))
                    {
                        console.MarkupLine(Markup.Escape($"{label}: {value}"));
                    }

                    if (OperationsTable(view.State, view.Summary.Currency) is { } operations)
                    {
                        console.Write(operations);
                    }

                    var timeline = new Table().Border(TableBorder.Simple).Title("Timeline");
                    timeline.AddColumns("#", "At (UTC)", "Kind", "Type", "What happened");
                    var hidden = view.Timeline.Count(IsRoutine);
                    if (hidden > 0)
                    {
                        timeline.Caption(string.Create(CultureInfo.InvariantCulture, $"{hidden} routine polling entries not shown (the API's view has them)."));
                    }

                    foreach (var entry in view.Timeline.Where(e => !IsRoutine(e)))
                    {
                        timeline.AddRow(entry.Sequence.ToString(CultureInfo.InvariantCulture), entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                            entry.Kind.ToString(), Markup.Escape(entry.Type), Markup.Escape(entry.Summary));
                    }

                    console.Write(timeline);
                    return 0;
                }
            }

            console.MarkupLine(Markup.Escape($"Sales unit {parsedMsn.Value} has no payment, agreement or charge '{id}'."));
            return 1;
        }));
        return command;
    }

    internal static Table SummaryTable(IEnumerable<SagaSummary> sagas)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("Kind", "Id", "Status", "Amount", "Captured", "Refunded", "Cancelled", "Next wake-up", "Updated (UTC)");
        foreach (var s in sagas)
        {
            table.AddRow(s.Kind.ToString(), Markup.Escape(s.Id), Markup.Escape(s.MoneyStatus), Amount(s.AmountMinorUnits, s.Currency),
                Amount(s.CapturedMinorUnits, s.Currency), Amount(s.RefundedMinorUnits, s.Currency), Amount(s.CancelledMinorUnits, s.Currency),
                s.NextWakeUpAt?.UtcDateTime.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                s.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        return table;
    }

    /// <summary>
    /// Every capture and refund of the saga, as the view lists them (<c>captures</c> and <c>refunds</c>, read from their
    /// own rows); null when it has none.
    /// </summary>
    internal static Table? OperationsTable(JsonElement state, string? currency)
    {
        var table = new Table().Border(TableBorder.Simple).Title("Captures and refunds");
        table.AddColumns("Operation", "Id", "Amount", "Status", "Reason", "Note", "Who (API key, source, when UTC)");
        var rows = 0;
        foreach (var (property, operation, id) in new[] { ("captures", "Capture", "captureId"), ("refunds", "Refund", "refundId") })
        {
            if (state.ValueKind != JsonValueKind.Object || !state.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var op in list.EnumerateArray())
            {
                rows++;
                long? minorUnits = op.TryGetProperty("amount", out var amount) && amount.TryGetProperty("minorUnits", out var units) ? units.GetInt64() : null;
                table.AddRow(operation, Markup.Escape(Text(op, id)), Amount(minorUnits, currency), Markup.Escape(Text(op, "status")),
                    Markup.Escape(Text(op, "reason")), Markup.Escape(Text(op, "requestedBy")), Markup.Escape(Who(op)));
            }
        }

        return rows == 0 ? null : table;

        // The audit of a refund (issue 24): the key's name and source from authentication, and when it was accepted.
        static string Who(JsonElement op) => string.Join(", ", new[]
        {
            Text(op, "requestedByKey"), Text(op, "requestedBySource"),
            op.TryGetProperty("requestedAt", out var at) && at.ValueKind == JsonValueKind.String && at.TryGetDateTimeOffset(out var when)
                ? when.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "",
        }.Where(part => part.Length > 0));

        static string Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
    }

    /// <summary>Polling bookkeeping: a read-back scheduled or stopped, a wake-up. The API's timeline keeps them.</summary>
    internal static bool IsRoutine(TimelineEntry entry) => entry.Type is "PollScheduled" or "WakeUp";

    /// <summary>What a person needs for the next step: where the customer approves, and the agreement's id.</summary>
    internal static IEnumerable<(string Label, string Value)> NextStepLinks(JsonElement state)
    {
        foreach (var (property, label) in new[] { ("redirectUrl", "Customer approves at"), ("confirmationUrl", "Customer confirms the agreement at"), ("agreementId", "Agreement id") })
        {
            if (Find(state, property) is { } value)
            {
                yield return (label, value);
            }
        }

        static string? Find(JsonElement element, string name)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in element.EnumerateObject())
                {
                    if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                    {
                        return p.Value.GetString();
                    }

                    if (Find(p.Value, name) is { } nested)
                    {
                        return nested;
                    }
                }
            }

            return null;
        }
    }

    private static string Amount(long? minorUnits, string? currency) =>
        minorUnits is { } m ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{m / 100m:N2} {currency}")) : "";
}
