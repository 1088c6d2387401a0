using System.CommandLine;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>
/// <c>sales-units add | list | disable | enable</c>: the registry that authorizes every event. <c>add</c> asks the
/// Vipps Management API first (<see cref="VippsSalesUnitLookup"/>): a unit Vipps does not show to our keys is refused
/// and no row is written; otherwise its name, business identifier and capabilities come from Vipps.
/// </summary>
internal static class SalesUnitsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("sales-units", "Register, list, disable and enable sales units (an event is applied only for an active sales unit bound to its source).");

        var msn = new Option<string>("--msn") { Description = "Merchant serial number (4-6 digits).", Required = true };
        var market = new Option<string>("--market") { Description = "Norway (NO), Denmark (DK) or Finland (FI): Vipps does not say.", DefaultValueFactory = _ => "Norway" };
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
        add.SetAction((parse, cancellationToken) => CliApplication.WithStorageAsync(console, parse, async storage =>
        {
            var m = Msn.Create(parse.GetValue(msn));
            var mk = Markets.Parse(parse.GetValue(market));
            var problems = new List<string>();
            if (!m.IsValid)
            {
                problems.Add("msn: " + m.Error);
            }

            if (!mk.IsValid)
            {
                problems.Add(mk.Error!);
            }

            var (bound, rights) = SourceBindings.Parse(parse.GetValue(sources) ?? []);
            problems.AddRange(bound.Where(s => !rights.ContainsKey(s)).Select(s =>
                $"--source {s}: name what it may do, e.g. {s}:payments,captures (rights: {SourceRightsRules.AllNames})."));
            if (problems.Count == 0)
            {
                var (vipps, refusal) = await VippsSalesUnitLookup.LookUpAsync(CliApplication.ConfigurationArgs(parse), m.Value, cancellationToken);
                if (vipps is null)
                {
                    console.MarkupLine("[red]" + Markup.Escape(refusal!) + "[/]");
                    return 1;
                }

                var registration = new SalesUnitRegistration(m.Value, vipps.Name, mk.Value, parse.GetValue(environment), parse.GetValue(keySet)!,
                    bound, SalesUnitStatus.Active, rights, vipps.BusinessIdentifier, vipps.Configuration);
                problems.AddRange(registration.Validate());
                if (problems.Count == 0)
                {
                    await storage.SalesUnits.CreateTableIfNotExistsAsync(cancellationToken);
                    var unit = await storage.SalesUnits.UpsertAsync(registration, cancellationToken);
                    console.MarkupLine(Markup.Escape($"Registered {unit.Msn} '{unit.Name}' ({unit.Market}, {unit.Currency}) for {Describe(unit)}; at Vipps: {DescribeVipps(unit)}."));
                    return 0;
                }
            }

            foreach (var problem in problems)
            {
                console.MarkupLine("[red]" + Markup.Escape(problem) + "[/]");
            }

            return 2;
        }));

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
                    Markup.Escape(Describe(u)), Markup.Escape(DescribeVipps(u)), u.IsActive ? "[green]Active[/]" : "[red]Disabled[/]");
            }

            console.Write(table);
            return 0;
        }));

        var disableMsn = new Option<string>("--msn") { Description = "Merchant serial number.", Required = true };
        var disable = new Command("disable", "Disable a sales unit: its events are dead-lettered with reason SalesUnitDisabled.") { disableMsn };
        disable.SetAction((parse, cancellationToken) => SetStatusAsync(console, parse, parse.GetValue(disableMsn), SalesUnitStatus.Disabled, cancellationToken));
        var enableMsn = new Option<string>("--msn") { Description = "Merchant serial number.", Required = true };
        var enable = new Command("enable", "Enable a disabled sales unit again.") { enableMsn };
        enable.SetAction((parse, cancellationToken) => SetStatusAsync(console, parse, parse.GetValue(enableMsn), SalesUnitStatus.Active, cancellationToken));

        command.Add(add);
        command.Add(list);
        command.Add(disable);
        command.Add(enable);
        OnboardCommand.AddTo(command, console);
        return command;
    }

    private static Task<int> SetStatusAsync(IAnsiConsole console, ParseResult parse, string? msn, SalesUnitStatus status, CancellationToken cancellationToken) =>
        CliApplication.WithStorageAsync(console, parse, async storage =>
        {
            var m = Msn.Create(msn);
            if (!m.IsValid)
            {
                console.MarkupLine("[red]" + Markup.Escape(m.Error!) + "[/]");
                return 2;
            }

            await storage.SalesUnits.CreateTableIfNotExistsAsync(cancellationToken);
            if (!await storage.SalesUnits.SetStatusAsync(m.Value, status, cancellationToken))
            {
                console.MarkupLine(Markup.Escape($"Sales unit {m.Value} is not registered."));
                return 1;
            }

            console.MarkupLine(Markup.Escape($"Sales unit {m.Value} is now {status}."));
            return 0;
        });

    /// <summary>
    /// What the Management API said at registration: <c>business:NO:ORG/912345670, ReserveCapture, payments, recurring,
    /// no skip-landing-page</c>; a capability Vipps left out shows as <c>?</c>.
    /// </summary>
    internal static string DescribeVipps(SalesUnit unit)
    {
        if (unit.Capabilities is not { } c)
        {
            return "not read";
        }

        static string Flag(bool? allowed, string name) => allowed switch { true => name, false => "no " + name, null => name + "?" };
        return string.Join(", ",
            unit.BusinessIdentifier?.ToString() ?? "no business identifier",
            c.CaptureType?.ToString() ?? "capture type?",
            Flag(c.PaymentAllowed, "payments"),
            Flag(c.RecurringAllowed, "recurring"),
            Flag(c.SkipLandingPageAllowed, "skip-landing-page"));
    }

    /// <summary><c>webshop/acme (payments,captures), finance/acme (refunds,reads)</c>.</summary>
    internal static string Describe(SalesUnit unit) =>
        string.Join(", ", unit.AllowedSources.Select(s => $"{s} ({SourceRightsRules.Format(unit.RightsOf(s))})"));
}
