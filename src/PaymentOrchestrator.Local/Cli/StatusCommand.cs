using System.CommandLine;
using System.Globalization;
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
                    var timeline = new Table().Border(TableBorder.Simple).Title("Timeline");
                    timeline.AddColumns("#", "At (UTC)", "Kind", "Type", "What happened");
                    foreach (var entry in view.Timeline)
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
            table.AddRow(s.Kind.ToString(), Markup.Escape(s.Id), Markup.Escape(s.Status), Amount(s.AmountMinorUnits, s.Currency),
                Amount(s.CapturedMinorUnits, s.Currency), Amount(s.RefundedMinorUnits, s.Currency), Amount(s.CancelledMinorUnits, s.Currency),
                s.NextWakeUpAt?.UtcDateTime.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                s.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static string Amount(long? minorUnits, string? currency) =>
        minorUnits is { } m ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{m / 100m:N2} {currency}")) : "";
}
