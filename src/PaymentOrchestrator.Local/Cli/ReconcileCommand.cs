using System.CommandLine;
using System.Globalization;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Reconciliation;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.VippsSimulator;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>
/// <c>reconcile --msn X --date yyyy-MM-dd</c>: runs the reconciliation job for that ledger date now and prints the
/// day and its discrepancies. Without Vipps keys it uses the simulator that <c>run</c> starts (its port, its
/// accounting keys and its clock). Exit 0: reconciled and everything matched; 3: reconciled with discrepancies;
/// 1: not reconciled (pending, no consent, failure, storage or simulator unreachable); 2: bad input.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var msn = new Option<string>("--msn") { Description = "Merchant serial number.", Required = true };
        var date = new Option<string>("--date") { Description = "Ledger date, yyyy-MM-dd.", Required = true };
        var command = new Command("reconcile", "Reconcile a sales unit's ledger date now against Vipps' settlement report and show the result.") { msn, date };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var parsedMsn = Msn.Create(parse.GetValue(msn));
            if (!parsedMsn.IsValid)
            {
                console.MarkupLine("[red]" + Markup.Escape("msn: " + parsedMsn.Error) + "[/]");
                return 2;
            }

            if (!DateOnly.TryParseExact(parse.GetValue(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ledgerDate))
            {
                console.MarkupLine("[red]date: give the ledger date as yyyy-MM-dd.[/]");
                return 2;
            }

            try
            {
                await using var services = await BuildAsync(CliApplication.ConfigurationArgs(parse), cancellationToken);
                var day = await services.GetRequiredService<ReconciliationJob>().ReconcileAsync(parsedMsn.Value, ledgerDate, cancellationToken);
                Write(console, day);
                return day.Status != ReconciliationStatus.Reconciled ? 1 : day.IsClean ? 0 : 3;
            }
            catch (ArgumentException e)
            {
                console.MarkupLine("[red]" + Markup.Escape(e.Message) + "[/]");
                return 1;
            }
            catch (SimulatorUnreachableException e)
            {
                console.MarkupLine("[red]Cannot reach the Vipps simulator.[/] Start the host first ([bold]run[/]), or configure Vipps keys. " + Markup.Escape(e.Message));
                return 1;
            }
            catch (Exception e) when (StorageErrors.IsUnreachable(e))
            {
                console.MarkupLine("[red]Cannot reach storage.[/] Start the host first ([bold]dotnet run --project src/PaymentOrchestrator.Local -- run[/]), or set Storage:ConnectionString.");
                return 1;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                console.MarkupLine("[red]Configuration:[/] " + Markup.Escape(e.Message));
                return 1;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                console.MarkupLine("[red]Reconciliation failed:[/] " + Markup.Escape(e.Message));
                return 1;
            }
        });
        return command;
    }

    /// <summary>Prints the day (one line for a date not reconciled) and its discrepancies.</summary>
    internal static void Write(IAnsiConsole console, ReconciliationDay day)
    {
        var date = day.LedgerDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (day.Status != ReconciliationStatus.Reconciled)
        {
            console.MarkupLine(Markup.Escape($"Sales unit {day.Msn}, {date}: {day.Status} — {day.Reason}"));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"Reconciliation {day.Msn} {date} (ledger {day.LedgerId})"));
        table.AddColumns("Matched", "Missing at Vipps", "Unknown to us", "Amount mismatches", "Captured", "Refunded", "Fees", "Net", "Payout");
        table.AddRow(N(day.Matched), N(day.MissingAtVipps), N(day.UnknownToUs), N(day.AmountMismatches),
            Amount(day.Captured, day.Currency), Amount(day.Refunded, day.Currency), Amount(day.Fees, day.Currency), Amount(day.Net, day.Currency), Amount(day.Payout, day.Currency));
        console.Write(table);
        if (day.Discrepancies.Count == 0)
        {
            console.MarkupLine(Markup.Escape($"Everything matched: {day.Matched} operations, captured {Amount(day.Captured, day.Currency)}, refunded {Amount(day.Refunded, day.Currency)}, fees {Amount(day.Fees, day.Currency)}, payout {Amount(day.Payout, day.Currency)}."));
            return;
        }

        var findings = new Table().Border(TableBorder.Simple).Title("Discrepancies");
        findings.AddColumns("Kind", "Reference", "Ours", "Vipps", "Difference", "pspReference");
        foreach (var f in day.Discrepancies)
        {
            findings.AddRow(f.Kind.ToString(), Markup.Escape(f.Ours?.Reference ?? f.Vipps?.Reference ?? ""),
                f.Ours is { } o ? Markup.Escape($"{o.Operation} {Amount(o.Amount, o.Currency)}") : "—",
                f.Vipps is { } v ? Markup.Escape($"{v.Operation} {Amount(v.Amount, v.Currency)}") : "—",
                f.Difference is { } d ? d.ToString(CultureInfo.InvariantCulture) : "",
                Markup.Escape(f.Vipps?.PspReference ?? ""));
        }

        console.Write(findings);
    }

    private static async Task<ServiceProvider> BuildAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (final, simulator) = CliVipps.Configuration(args);
        var clock = new LocalClock();
        if (simulator is not null)
        {
            // The simulator's clock may be ahead of ours (the demo moves it): judge "has the date ended" by it.
            using var admin = new SimulatorAdminClient(simulator);
            DateTimeOffset simulatorNow;
            try
            {
                simulatorNow = await admin.GetTimeAsync(cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new SimulatorUnreachableException($"{simulator}: {e.Message}", e);
            }

            if (simulatorNow > clock.GetUtcNow())
            {
                clock.Advance(simulatorNow - clock.GetUtcNow());
            }
        }

        return CliVipps.Services(final, services => services.AddSingleton<TimeProvider>(clock));
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Amount(long minorUnits, string? currency) =>
        Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{minorUnits / 100m:N2} {currency}"));

    private sealed class SimulatorUnreachableException(string message, Exception inner) : Exception(message, inner);
}
