using System.CommandLine;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration.SalesUnits;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>
/// <c>sales-units sync [--register MSN --source …]</c>: the registry follows Vipps now, as the scheduled refresh does
/// (<see cref="SalesUnitRegistry.RefreshAsync"/>), and shows both sides; <c>--register</c> first registers one unit
/// Vipps links to our keys, as <c>add</c> does.
/// </summary>
internal static class SalesUnitsSyncCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var register = new Option<string>("--register") { Description = "Register this MSN (linked to our keys at Vipps) first; give its --source bindings." };
        var sources = new Option<string[]>("--source")
        {
            Description = "With --register: a CloudEvents source allowed to act for it, with its rights: webshop/acme:payments,captures (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var market = new Option<string>("--market") { Description = "With --register: Norway, Denmark or Finland (default: the merchant's country at Vipps)." };
        var keySet = new Option<string>("--key-set") { Description = "With --register: its Vipps key set.", DefaultValueFactory = _ => LocalDefaults.SimulatorKeySetName };
        var environment = new Option<VippsEnvironment>("--environment") { Description = "With --register: Production or Test.", DefaultValueFactory = _ => VippsEnvironment.Production };
        var sync = new Command("sync", "Follow Vipps now: update names and capabilities, disable units Vipps no longer links to our keys (enable them once re-linked), and list units linked but not registered. Never registers one unless --register names it.")
        {
            register, sources, market, keySet, environment,
        };
        sync.SetAction((parse, cancellationToken) => CliApplication.WithStorageAsync(console, parse, async storage =>
        {
            await storage.SalesUnits.CreateTableIfNotExistsAsync(cancellationToken);
            if (parse.GetValue(register) is { } msn)
            {
                console.MarkupLine(Markup.Escape($"Registering {msn}…"));
                var registered = await SalesUnitsCommand.RegisterAsync(console, parse,
                    storage, new SalesUnitRegistrationRequest(msn, parse.GetValue(sources) ?? [], parse.GetValue(market), parse.GetValue(keySet), parse.GetValue(environment)),
                    cancellationToken);
                if (registered != 0)
                {
                    return registered;
                }
            }

            var (opened, problem) = CliSalesUnitRegistry.Open(CliApplication.ConfigurationArgs(parse), storage.SalesUnits);
            if (opened is null)
            {
                console.MarkupLine("[red]" + Markup.Escape(problem!) + "[/]");
                return 1;
            }

            await using var vipps = opened;
            console.MarkupLine(Markup.Escape($"Asking {vipps.Where} about the units linked to our keys and each registered one…"));
            var view = await vipps.Registry.RefreshAsync(cancellationToken);
            console.Write(Table(view));
            console.MarkupLine(Markup.Escape($"{view.Count(SalesUnitSyncAction.Update)} updated, {view.Count(SalesUnitSyncAction.Disable)} disabled as no longer linked, "
                + $"{view.Count(SalesUnitSyncAction.Enable)} enabled as linked again, {view.Rows.Count(r => r.Status == SalesUnitSyncStatus.NewAtVipps)} linked but not registered."));
            var unread = view.Rows.Count(r => r.Status == SalesUnitSyncStatus.NotRead);
            if (view.ListProblem is not null || unread > 0)
            {
                console.MarkupLine("[red]" + Markup.Escape(
                    $"Not complete: could not ask {vipps.Where}" + (unread > 0 ? $" about {unread} registered unit(s)" : "") + (view.ListProblem is { } p ? $"; {p}" : ".")) + "[/]");
                return 1;
            }

            return 0;
        }));
        return sync;
    }

    private static Table Table(SalesUnitSyncView view)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("Status", "MSN", "Name", "At Vipps", "Registered", "What the sync did");
        foreach (var row in view.Rows)
        {
            var registered = row.Registered is not { } unit ? "not registered"
                : (row.Refreshed ?? unit).IsActive ? "Active, " + SalesUnitsCommand.Describe(unit)
                : "Disabled: " + (row.Refreshed ?? unit).DisabledWhy;
            table.AddRow(
                row.Status.ToString(),
                row.Msn,
                Markup.Escape(row.Name),
                Markup.Escape(row.AtVipps is { } v ? SalesUnitCapabilities.Describe(v.BusinessIdentifier, v.Configuration) : "not shown to our keys"),
                Markup.Escape(registered),
                Markup.Escape(row.Note));
        }

        return table;
    }
}
