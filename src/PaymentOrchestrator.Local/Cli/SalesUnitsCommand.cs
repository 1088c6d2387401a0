using System.CommandLine;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration.SalesUnits;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>
/// <c>sales-units add | list | disable | enable | sync</c>: the registry that authorizes every event. <c>add</c> asks the
/// Vipps Management API first (<see cref="SalesUnitRegistry.RegisterAsync"/>): a unit Vipps does not show to our keys is
/// refused and no row is written; otherwise its name, business identifier and capabilities come from Vipps.
/// </summary>
internal static class SalesUnitsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("sales-units", "Register, list, disable, enable and sync sales units with Vipps (an event is applied only for an active sales unit bound to its source).");

        var msn = new Option<string>("--msn") { Description = "Merchant serial number (4-6 digits).", Required = true };
        var market = new Option<string>("--market") { Description = "Norway (NO), Denmark (DK) or Finland (FI); default: the country of the merchant's business identifier at Vipps (business:NO:ORG: Norway)." };
        var sources = new Option<string[]>("--source")
        {
            Description = "A CloudEvents source allowed to act for it, with what it may do: webshop/acme:payments,captures (repeatable). Rights: "
                + SourceRightsRules.AllNames + ". Without rights webshop/... gets the webshop's (payments,captures,cancels,agreements,charges) and finance/... finance's (refunds,reads,reconciles); other sources must name theirs.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var keySet = new Option<string>("--key-set") { Description = "Name of its Vipps key set (Vipps:KeySets:<name>).", DefaultValueFactory = _ => LocalDefaults.SimulatorKeySetName };
        var environment = new Option<VippsEnvironment>("--environment") { Description = "Production or Test.", DefaultValueFactory = _ => VippsEnvironment.Production };
        var add = new Command("add", "Register a sales unit linked to our partner keys at Vipps (or replace its registration): its name, business identifier and capabilities come from the Vipps Management API.") { msn, market, sources, keySet, environment };
        add.SetAction((parse, cancellationToken) => CliApplication.WithStorageAsync(console, parse, storage =>
            RegisterAsync(console, parse, storage, new SalesUnitRegistrationRequest(parse.GetValue(msn), parse.GetValue(sources) ?? [], parse.GetValue(market),
                parse.GetValue(keySet), parse.GetValue(environment)), cancellationToken)));

        var list = new Command("list", "List registered sales units.");
        list.SetAction((parse, cancellationToken) => CliApplication.WithStorageAsync(console, parse, async storage =>
        {
            await storage.SalesUnits.CreateTableIfNotExistsAsync(cancellationToken);
            var units = await storage.SalesUnits.ListAsync(cancellationToken);
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns("MSN", "Name", "Market", "Currency", "Environment", "Key set", "Sources", "At Vipps", "Status");
            foreach (var u in units)
            {
                table.AddRow(u.Msn.Value, Markup.Escape(u.Name), u.Market.ToString(), u.Currency.ToString(), u.Environment.ToString(), Markup.Escape(u.KeySetName),
                    Markup.Escape(Describe(u)), Markup.Escape(SalesUnitCapabilities.Describe(u)), u.IsActive ? "[green]Active[/]" : "[red]Disabled[/] " + Markup.Escape(u.DisabledWhy!));
            }

            console.Write(table);
            return 0;
        }));

        var disableMsn = new Option<string>("--msn") { Description = "Merchant serial number.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (stored, and named in every refusal and in the sagas it stops).", DefaultValueFactory = _ => "disabled by hand (sales-units disable)" };
        var disable = new Command("disable", "Disable a sales unit: its events are dead-lettered with reason SalesUnitDisabled, and its running sagas move no new money.") { disableMsn, reason };
        disable.SetAction((parse, cancellationToken) => SetStatusAsync(console, parse, parse.GetValue(disableMsn), SalesUnitStatus.Disabled, parse.GetValue(reason), cancellationToken));
        var enableMsn = new Option<string>("--msn") { Description = "Merchant serial number.", Required = true };
        var enable = new Command("enable", "Enable a disabled sales unit again.") { enableMsn };
        enable.SetAction((parse, cancellationToken) => SetStatusAsync(console, parse, parse.GetValue(enableMsn), SalesUnitStatus.Active, null, cancellationToken));

        command.Add(add);
        command.Add(list);
        command.Add(disable);
        command.Add(enable);
        OnboardCommand.AddTo(command, console);
        command.Add(SalesUnitsSyncCommand.Create(console));
        return command;
    }

    private static Task<int> SetStatusAsync(IAnsiConsole console, ParseResult parse, string? msn, SalesUnitStatus status, string? reason, CancellationToken cancellationToken) =>
        CliApplication.WithStorageAsync(console, parse, async storage =>
        {
            var m = Msn.Create(msn);
            if (!m.IsValid)
            {
                console.MarkupLine("[red]" + Markup.Escape(m.Error!) + "[/]");
                return 2;
            }

            await storage.SalesUnits.CreateTableIfNotExistsAsync(cancellationToken);
            if (!await storage.SalesUnits.SetStatusAsync(m.Value, status, reason, cancellationToken))
            {
                console.MarkupLine(Markup.Escape($"Sales unit {m.Value} is not registered."));
                return 1;
            }

            console.MarkupLine(Markup.Escape($"Sales unit {m.Value} is now {status}."));
            return 0;
        });

    /// <summary>
    /// Registers through <see cref="SalesUnitRegistry.RegisterAsync"/> and says what happened: 0 registered, 2 bad
    /// input (each problem naming its field), 1 refused by Vipps or Vipps not reachable (one line).
    /// </summary>
    internal static async Task<int> RegisterAsync(IAnsiConsole console, ParseResult parse, CliStorage storage, SalesUnitRegistrationRequest request, CancellationToken cancellationToken)
    {
        var (opened, problem) = CliSalesUnitRegistry.Open(CliApplication.ConfigurationArgs(parse), storage.SalesUnits);
        if (opened is null)
        {
            console.MarkupLine("[red]" + Markup.Escape(problem!) + "[/]");
            return 1;
        }

        await using var vipps = opened;
        var result = await vipps.Registry.RegisterAsync(request, cancellationToken);
        if (result.Unit is { } unit)
        {
            console.MarkupLine(Markup.Escape($"Registered {unit.Msn} '{unit.Name}' ({unit.Market}, {unit.Currency}) for {Describe(unit)}; at Vipps: {SalesUnitCapabilities.Describe(unit)}."));
            if (unit.DisabledWhy is { } disabled)
            {
                console.MarkupLine("[yellow]" + Markup.Escape($"It stays disabled: it is {disabled} (sales-units enable --msn {unit.Msn} takes payments again).") + "[/]");
            }

            return 0;
        }

        foreach (var line in result.Problems)
        {
            console.MarkupLine("[red]" + Markup.Escape(line) + "[/]");
        }

        if ((result.NotAtVipps ?? (result.VippsUnreachable is { } reason ? $"Not registered: could not ask {vipps.Where} about sales unit {request.Msn}: {reason}" : null)) is { } refusal)
        {
            console.MarkupLine("[red]" + Markup.Escape(refusal) + "[/]");
            return 1;
        }

        return 2;
    }

    /// <summary><c>webshop/acme (payments,captures), finance/acme (refunds,reads)</c>.</summary>
    internal static string Describe(SalesUnit unit) =>
        string.Join(", ", unit.AllowedSources.Select(s => $"{s} ({SourceRightsRules.Format(unit.RightsOf(s))})"));
}
