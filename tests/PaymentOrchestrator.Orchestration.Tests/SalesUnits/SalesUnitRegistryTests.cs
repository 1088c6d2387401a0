using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.SalesUnits;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.Vipps.Management;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.SalesUnits;

/// <summary>
/// The registry following Vipps: the simulator's Management API over real HTTP, the registry on Azurite, sagas on the
/// real Durable engine (<see cref="SagaHarness"/>, which registers <see cref="SagaHarness.Msn"/>).
/// </summary>
public sealed class SalesUnitRegistryTests
{
    private static Msn MsnOf(string msn) => Msn.Create(msn).Value;

    [Fact]
    public async Task the_comparison_shows_new_registered_and_no_longer_linked_units_and_writes_nothing()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.RegisterAsync(SimulatorDefaults.UnlinkedMsn, Market.Norway, SalesUnitStatus.Active, SagaHarness.Source);

        var view = await h.Get<SalesUnitRegistry>().CompareAsync();

        var rows = view.Rows.ToDictionary(r => r.Msn);
        Assert.Null(view.ListProblem);
        Assert.Equal((SalesUnitSyncStatus.Registered, SalesUnitSyncAction.Update), (rows[SagaHarness.Msn].Status, rows[SagaHarness.Msn].Action));
        Assert.Equal("Simulated Norway", rows[SagaHarness.Msn].AtVipps!.Name);
        Assert.Equal((SalesUnitSyncStatus.NoLongerLinked, SalesUnitSyncAction.Disable), (rows[SimulatorDefaults.UnlinkedMsn].Status, rows[SimulatorDefaults.UnlinkedMsn].Action));
        Assert.All(SimulatorDefaults.PartnerMsns.Where(m => m != SagaHarness.Msn), m => Assert.Equal(SalesUnitSyncStatus.NewAtVipps, rows[m].Status));
        Assert.Equal(CaptureType.DirectCapture, rows[SimulatorDefaults.DirectCaptureMsn].AtVipps!.Configuration.CaptureType);
        Assert.True((await h.SalesUnits.GetAsync(MsnOf(SimulatorDefaults.UnlinkedMsn)))!.IsActive);
        Assert.Equal("Shop " + SagaHarness.Msn, (await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!.Name);
    }

    [Fact]
    public async Task a_unit_unlinked_at_vipps_is_disabled_by_the_refresh_with_the_reason_and_enabled_once_linked_again()
    {
        await using var h = await SagaHarness.StartAsync();
        var registry = h.Get<SalesUnitRegistry>();
        await h.Simulator.Admin.UnlinkSalesUnitAsync(SagaHarness.Msn);

        var refreshed = await registry.RefreshAsync();

        Assert.Equal(1, refreshed.Count(SalesUnitSyncAction.Disable));
        var unit = (await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!;
        Assert.Equal((SalesUnitStatus.Disabled, true), (unit.Status, unit.DisabledAsUnlinked));
        Assert.StartsWith("no longer linked to our partner keys at Vipps (Vipps answered 403", unit.DisabledReason, StringComparison.Ordinal);
        Assert.NotNull(unit.DisabledSince);
        var refused = Assert.IsType<HandoffRejected>(await h.SendAsync(Events.PaymentRequested(SagaHarness.Msn, Events.NewReference(), 10_000)));
        Assert.Equal(IntakeRejectionCodes.SalesUnitDisabled, refused.Code);
        Assert.Contains("no longer linked to our partner keys at Vipps", refused.Message, StringComparison.Ordinal);

        await h.Simulator.Admin.LinkSalesUnitAsync(SagaHarness.Msn);
        var relinked = await registry.RefreshAsync();

        Assert.Equal(1, relinked.Count(SalesUnitSyncAction.Enable));
        var enabled = (await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!;
        Assert.Equal((SalesUnitStatus.Active, null), (enabled.Status, enabled.DisabledReason));
    }

    [Fact]
    public async Task a_unit_disabled_by_hand_while_the_refresh_asked_vipps_stays_disabled_and_takes_no_payment()
    {
        await using var h = await SagaHarness.StartAsync();
        var registry = h.Get<SalesUnitRegistry>();
        var view = await registry.CompareAsync();
        Assert.Equal(SalesUnitSyncAction.Update, view.Rows.Single(r => r.Msn == SagaHarness.Msn).Action);
        // The operator disables the unit after the refresh read it and before it writes what Vipps said.
        Assert.True(await h.SalesUnits.SetStatusAsync(MsnOf(SagaHarness.Msn), SalesUnitStatus.Disabled, "fraud suspected"));

        var applied = await registry.ApplyAsync(view);

        var row = applied.Rows.Single(r => r.Msn == SagaHarness.Msn);
        Assert.Equal((SalesUnitSyncAction.None, 0), (row.Action, applied.Count(SalesUnitSyncAction.Update)));
        Assert.StartsWith("Changed in the registry while Vipps was asked; left as it is now (update not written)", row.Note, StringComparison.Ordinal);
        var unit = (await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!;
        Assert.Equal((SalesUnitStatus.Disabled, "fraud suspected", "Shop " + SagaHarness.Msn), (unit.Status, unit.DisabledReason, unit.Name));
        var refused = Assert.IsType<HandoffRejected>(await h.SendAsync(Events.PaymentRequested(SagaHarness.Msn, Events.NewReference(), 10_000)));
        Assert.Equal(IntakeRejectionCodes.SalesUnitDisabled, refused.Code);

        // The next refresh reads the row again: Vipps' name is taken, the disabling kept.
        await registry.RefreshAsync();
        var next = (await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!;
        Assert.Equal(("Simulated Norway", SalesUnitStatus.Disabled, "fraud suspected"), (next.Name, next.Status, next.DisabledReason));
    }

    [Fact]
    public async Task registering_a_unit_disabled_by_hand_again_takes_the_new_bindings_and_keeps_it_disabled()
    {
        await using var h = await SagaHarness.StartAsync();
        var registry = h.Get<SalesUnitRegistry>();
        Assert.True(await h.SalesUnits.SetStatusAsync(MsnOf(SagaHarness.Msn), SalesUnitStatus.Disabled, "fraud suspected"));
        var disabledSince = (await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!.DisabledSince;

        // Registered again (a source added): the on-call engineer's disabling stands until someone enables the unit.
        var registered = await registry.RegisterAsync(new SalesUnitRegistrationRequest(SagaHarness.Msn, [SagaHarness.Source + ":payments,captures", "finance/acme:finance"]));

        var unit = registered.Unit!;
        Assert.Equal((SalesUnitStatus.Disabled, "fraud suspected", disabledSince), (unit.Status, unit.DisabledReason, unit.DisabledSince));
        Assert.Equal(("Simulated Norway", SourceRights.Finance), (unit.Name, unit.RightsOf("finance/acme")));
        var stored = (await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!;
        Assert.Equal((SalesUnitStatus.Disabled, "fraud suspected", "Simulated Norway"), (stored.Status, stored.DisabledReason, stored.Name));
        var refused = Assert.IsType<HandoffRejected>(await h.SendAsync(Events.PaymentRequested(SagaHarness.Msn, Events.NewReference(), 10_000)));
        Assert.Equal(IntakeRejectionCodes.SalesUnitDisabled, refused.Code);

        // A unit disabled because Vipps no longer linked it is enabled by a registration that found it linked.
        await h.Simulator.Admin.UnlinkSalesUnitAsync(SagaHarness.Msn);
        Assert.True(await h.SalesUnits.SetStatusAsync(MsnOf(SagaHarness.Msn), SalesUnitStatus.Active));
        await registry.RefreshAsync();
        Assert.True((await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!.DisabledAsUnlinked);
        await h.Simulator.Admin.LinkSalesUnitAsync(SagaHarness.Msn);
        var relinked = (await registry.RegisterAsync(new SalesUnitRegistrationRequest(SagaHarness.Msn, [SagaHarness.Source + ":payments,captures"]))).Unit!;
        Assert.Equal((SalesUnitStatus.Active, null, false), (relinked.Status, relinked.DisabledReason, relinked.DisabledAsUnlinked));
    }

    [Fact]
    public async Task a_capability_change_at_vipps_is_taken_by_the_refresh()
    {
        await using var h = await SagaHarness.StartAsync();
        var registry = h.Get<SalesUnitRegistry>();
        await registry.RefreshAsync();
        Assert.Equal(CaptureType.ReserveCapture, (await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!.Capabilities!.CaptureType);
        await h.Simulator.Admin.AddSalesUnitAsync(new SalesUnitDefinition
        {
            Msn = SagaHarness.Msn, Name = "Simulated Norway", Country = "NO", OrganizationNumber = SimulatorDefaults.NorwayOrganizationNumber,
            CaptureType = "DirectCapture", RecurringEnabled = false,
        });

        var view = await registry.RefreshAsync();

        Assert.Equal(SalesUnitSyncAction.Update, Assert.Single(view.Rows, r => r.Msn == SagaHarness.Msn).Action);
        var unit = (await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!;
        Assert.Equal((CaptureType.DirectCapture, false, SalesUnitStatus.Active), (unit.Capabilities!.CaptureType, unit.Capabilities.RecurringAllowed, unit.Status));
    }

    [Fact]
    public async Task registering_a_unit_vipps_does_not_link_is_refused_and_writes_no_row_while_a_linked_one_gets_its_market_from_vipps()
    {
        await using var h = await SagaHarness.StartAsync();
        var registry = h.Get<SalesUnitRegistry>();

        var refused = await registry.RegisterAsync(new SalesUnitRegistrationRequest(SimulatorDefaults.UnlinkedMsn, ["webshop/acme"]));
        var registered = await registry.RegisterAsync(new SalesUnitRegistrationRequest(SimulatorDefaults.DirectCaptureMsn, ["webshop/acme", "finance/acme"]));
        var invalid = await registry.RegisterAsync(new SalesUnitRegistrationRequest("12", ["urn:other"], Market: "Sweden"));

        Assert.StartsWith($"Refused: sales unit {SimulatorDefaults.UnlinkedMsn} is not linked to our partner keys", refused.NotAtVipps, StringComparison.Ordinal);
        Assert.Null(await h.SalesUnits.GetAsync(MsnOf(SimulatorDefaults.UnlinkedMsn)));
        var unit = registered.Unit!;
        Assert.Equal(("Simulated direct capture", Market.Norway, "partner", CaptureType.DirectCapture), (unit.Name, unit.Market, unit.KeySetName, unit.Capabilities!.CaptureType));
        Assert.Equal(SourceRights.Finance, unit.RightsOf("finance/acme"));
        Assert.Equal(3, invalid.Problems.Count);
        Assert.Contains(invalid.Problems, p => p.StartsWith("msn:", StringComparison.Ordinal));
        Assert.Contains(invalid.Problems, p => p.StartsWith("market must be", StringComparison.Ordinal));
        Assert.Contains(invalid.Problems, p => p.StartsWith("sources: name what urn:other may do", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_maintenance_run_refreshes_the_sales_units_when_due_and_a_new_instance_waits_one_interval()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.Simulator.Admin.UnlinkSalesUnitAsync(SagaHarness.Msn);
        var maintenance = h.Get<MaintenanceActivities>();
        var now = h.Time.GetUtcNow();

        var first = SagaHostingJson.ReadMaintenanceReport(await maintenance.MaintainAsync(null, new NoSignaller(), (_, _) => Task.FromResult(0)));
        Assert.Equal((now + TimeSpan.FromHours(6), 0), (first.Next.NextSalesUnitRefreshAt, first.SalesUnitsChanged));
        Assert.True((await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!.IsActive);

        var due = SagaHostingJson.Write(new MaintenanceState(NextReconciliationAt: now.AddDays(1), NextPurgeAt: now.AddDays(1), NextOnboardingPollAt: now.AddDays(1), NextSalesUnitRefreshAt: now));
        var second = SagaHostingJson.ReadMaintenanceReport(await maintenance.MaintainAsync(due, new NoSignaller(), (_, _) => Task.FromResult(0)));

        Assert.Equal((now + TimeSpan.FromHours(6), 1), (second.Next.NextSalesUnitRefreshAt, second.SalesUnitsChanged));
        Assert.False((await h.SalesUnits.GetAsync(MsnOf(SagaHarness.Msn)))!.IsActive);
    }

    [Fact]
    public async Task a_capture_accepted_before_the_unit_was_unlinked_moves_no_money_and_the_saga_needs_attention_with_the_reason()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = await h.AuthorizedPaymentAsync(reference);
        // The capture passes the intake while the unit is active; the engine runs it only after the refresh disabled it.
        var accepted = Assert.IsType<HandoffReady>(await h.Handoff.AcceptAsync(Events.CaptureRequested(SagaHarness.Msn, reference, "ship-1", 5_000)));
        await h.Simulator.Admin.UnlinkSalesUnitAsync(SagaHarness.Msn);
        await h.Get<SalesUnitRegistry>().RefreshAsync();

        await h.SignalAsync(accepted.Progress);
        var saga = await h.SettledAsync(key);

        var state = Assert.IsType<EpaymentState>(saga.State);
        Assert.Equal(EpaymentStatus.NeedsAttention, state.Status);
        Assert.StartsWith($"capture was not sent to Vipps: Sales unit {SagaHarness.Msn} is no longer linked to our partner keys at Vipps (since ",
            state.Core.Attention!.Reason, StringComparison.Ordinal);
        Assert.EndsWith("no money moved; re-link it at Vipps, then `sales-units sync`.", state.Core.Attention.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await h.Simulator.Admin.GetCountersAsync()).CapturesOf(SagaHarness.Msn, reference));
        Assert.Equal(0, state.Aggregate.Captured.MinorUnits);
    }

    [Fact]
    public async Task a_unit_disabled_by_hand_withholds_a_capture_lets_a_cancel_go_and_refuses_new_events_naming_the_reason()
    {
        await using var h = await SagaHarness.StartAsync();
        var captured = Events.NewReference();
        var cancelled = Events.NewReference();
        var captureKey = await h.AuthorizedPaymentAsync(captured);
        var cancelKey = await h.AuthorizedPaymentAsync(cancelled);
        var capture = Assert.IsType<HandoffReady>(await h.Handoff.AcceptAsync(Events.CaptureRequested(SagaHarness.Msn, captured, "ship-1", 5_000)));
        var cancel = Assert.IsType<HandoffReady>(await h.Handoff.AcceptAsync(Events.CancelRequested(SagaHarness.Msn, cancelled)));
        await h.SalesUnits.SetStatusAsync(MsnOf(SagaHarness.Msn), SalesUnitStatus.Disabled, "fraud review");

        await h.SignalAsync(capture.Progress);
        await h.SignalAsync(cancel.Progress);
        var withheld = Assert.IsType<EpaymentState>((await h.SettledAsync(captureKey)).State);
        var released = Assert.IsType<EpaymentState>((await h.SettledAsync(cancelKey)).State);
        var refused = Assert.IsType<HandoffRejected>(await h.SendAsync(Events.RefundRequested(SagaHarness.Msn, captured, "rf-1", 1_000)));

        Assert.Equal(EpaymentStatus.NeedsAttention, withheld.Status);
        Assert.Contains("fraud review: no money moved; enable it again (`sales-units enable --msn " + SagaHarness.Msn + "`)", withheld.Core.Attention!.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await h.Simulator.Admin.GetCountersAsync()).CapturesOf(SagaHarness.Msn, captured));
        Assert.True(released.Aggregate.Cancelled.MinorUnits > 0, "the cancel reached Vipps");
        Assert.Contains("disabled since", refused.Message, StringComparison.Ordinal);
        Assert.Contains("fraud review", refused.Message, StringComparison.Ordinal);
    }
}
