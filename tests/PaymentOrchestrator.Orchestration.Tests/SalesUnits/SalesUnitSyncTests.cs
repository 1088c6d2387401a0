using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.SalesUnits;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Tests.SalesUnits;

/// <summary>The comparison of our registry with Vipps, without I/O.</summary>
public sealed class SalesUnitSyncTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
    private static readonly SalesUnitConfiguration Reserve = new() { PaymentAllowed = true, CaptureType = CaptureType.ReserveCapture, RecurringAllowed = true, SkipLandingPageAllowed = false };

    private static SalesUnit Unit(string msn, SalesUnitStatus status = SalesUnitStatus.Active, SalesUnitConfiguration? capabilities = null) =>
        new(Msn.Create(msn).Value, "Shop " + msn, Market.Norway, VippsEnvironment.Production, "partner", ["webshop/acme"], status, Now.AddDays(-1), Now.AddDays(-1),
            Capabilities: capabilities ?? Reserve);

    private static SalesUnitFound Found(string msn, string? name = null, SalesUnitConfiguration? capabilities = null) =>
        new(new SalesUnitDetails { Msn = msn, Name = name ?? "Shop " + msn, Configuration = capabilities ?? Reserve });

    private static SalesUnitUnavailable NotLinked(string msn) => new(MerchantSerialNumber.Create(msn), 403, "Sales unit is not linked to these API keys.");

    [Fact]
    public void a_linked_unit_not_registered_is_new_and_a_refresh_never_registers_it()
    {
        var rows = SalesUnitSync.Compare([], [new SalesUnitSummary("223344", "New shop")], new Dictionary<string, SalesUnitResult> { ["223344"] = Found("223344", "New shop") }, Now);

        var row = Assert.Single(rows);
        Assert.Equal((SalesUnitSyncStatus.NewAtVipps, SalesUnitSyncAction.None), (row.Status, row.Action));
        Assert.Null(row.Refreshed);
        Assert.Equal("New shop", row.Name);
    }

    [Fact]
    public void a_registered_unit_unchanged_at_vipps_needs_nothing()
    {
        var row = Assert.Single(SalesUnitSync.Compare([Unit("123456")], [new SalesUnitSummary("123456", "Shop 123456")],
            new Dictionary<string, SalesUnitResult> { ["123456"] = Found("123456") }, Now));

        Assert.Equal((SalesUnitSyncStatus.Registered, SalesUnitSyncAction.None), (row.Status, row.Action));
        Assert.Null(row.Refreshed);
    }

    [Fact]
    public void a_capability_change_at_vipps_updates_the_row_and_says_what_changed()
    {
        var direct = Reserve with { CaptureType = CaptureType.DirectCapture };

        var row = Assert.Single(SalesUnitSync.Compare([Unit("123456")], null, new Dictionary<string, SalesUnitResult> { ["123456"] = Found("123456", "Renamed", direct) }, Now));

        Assert.Equal(SalesUnitSyncAction.Update, row.Action);
        Assert.Equal((direct, "Renamed", SalesUnitStatus.Active), (row.Refreshed!.Capabilities, row.Refreshed.Name, row.Refreshed.Status));
        Assert.Contains("name 'Shop 123456' → 'Renamed'", row.Note, StringComparison.Ordinal);
        Assert.Contains("ReserveCapture", row.Note, StringComparison.Ordinal);
        Assert.Contains("DirectCapture", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void a_registered_unit_vipps_no_longer_links_is_disabled_with_the_reason_and_the_time()
    {
        var row = Assert.Single(SalesUnitSync.Compare([Unit("123456")], [], new Dictionary<string, SalesUnitResult> { ["123456"] = NotLinked("123456") }, Now));

        Assert.Equal((SalesUnitSyncStatus.NoLongerLinked, SalesUnitSyncAction.Disable), (row.Status, row.Action));
        var disabled = row.Refreshed!;
        Assert.Equal((SalesUnitStatus.Disabled, true, Now), (disabled.Status, disabled.DisabledAsUnlinked, disabled.DisabledSince));
        Assert.StartsWith("no longer linked to our partner keys at Vipps (Vipps answered 403", disabled.DisabledReason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_unit_disabled_as_unlinked_is_enabled_once_vipps_links_it_again_but_one_disabled_by_hand_stays_disabled()
    {
        var unlinked = Unit("123456", SalesUnitStatus.Disabled) with { DisabledAsUnlinked = true, DisabledReason = "no longer linked", DisabledSince = Now.AddHours(-6) };
        var byHand = Unit("223344", SalesUnitStatus.Disabled) with { DisabledReason = "fraud review", DisabledSince = Now.AddHours(-6) };

        var rows = SalesUnitSync.Compare([unlinked, byHand], null,
            new Dictionary<string, SalesUnitResult> { ["123456"] = Found("123456"), ["223344"] = Found("223344") }, Now);

        Assert.Equal(SalesUnitSyncAction.Enable, rows[0].Action);
        Assert.Equal((SalesUnitStatus.Active, null, false), (rows[0].Refreshed!.Status, rows[0].Refreshed!.DisabledReason, rows[0].Refreshed!.DisabledAsUnlinked));
        Assert.Equal(SalesUnitSyncAction.None, rows[1].Action);
        Assert.Contains("fraud review", rows[1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void a_unit_vipps_does_not_show_is_not_disabled_when_the_linked_list_could_not_be_read()
    {
        var row = Assert.Single(SalesUnitSync.Compare([Unit("123456")], null, new Dictionary<string, SalesUnitResult> { ["123456"] = NotLinked("123456") }, Now));

        Assert.Equal((SalesUnitSyncStatus.NotRead, SalesUnitSyncAction.None), (row.Status, row.Action));
        Assert.Null(row.Refreshed);
    }

    [Fact]
    public void a_unit_vipps_could_not_be_asked_about_is_left_as_it_is()
    {
        var row = Assert.Single(SalesUnitSync.Compare([Unit("123456")], null,
            new Dictionary<string, SalesUnitResult> { ["123456"] = new SalesUnitLookupFailed(MerchantSerialNumber.Create("123456"), "HTTP 503") }, Now));

        Assert.Equal((SalesUnitSyncStatus.NotRead, SalesUnitSyncAction.None), (row.Status, row.Action));
        Assert.Null(row.Refreshed);
    }

    [Theory]
    [InlineData("business:NO:ORG", Market.Norway)]
    [InlineData("business:DK:CVR", Market.Denmark)]
    [InlineData("business:SE:ORG", null)]
    public void the_market_is_derived_from_the_country_of_the_business_identifier(string scheme, Market? expected) =>
        Assert.Equal(expected, SalesUnitRegistry.MarketOf(new BusinessIdentifier(scheme, "912345670")));

    [Fact]
    public void every_active_unit_refused_at_once_disables_none_and_says_to_check_our_keys()
    {
        var rows = SalesUnitSync.Compare([Unit("123456"), Unit("223344"), Unit("334455")], [],
            new Dictionary<string, SalesUnitResult> { ["123456"] = NotLinked("123456"), ["223344"] = NotLinked("223344"), ["334455"] = NotLinked("334455") }, Now);

        Assert.All(rows, row =>
        {
            Assert.Equal((SalesUnitSyncStatus.NotRead, SalesUnitSyncAction.None, (SalesUnit?)null), (row.Status, row.Action, row.Refreshed));
            Assert.Contains("Vipps refused all 3 active registered units at once", row.Note, StringComparison.Ordinal);
            Assert.Contains("Vipps:ManagementKeySet", row.Note, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void one_unit_refused_among_linked_ones_is_disabled()
    {
        var rows = SalesUnitSync.Compare([Unit("123456"), Unit("223344")], [new SalesUnitSummary("223344", "Shop 223344")],
            new Dictionary<string, SalesUnitResult> { ["123456"] = NotLinked("123456"), ["223344"] = Found("223344") }, Now);

        Assert.Equal(SalesUnitSyncAction.Disable, rows.Single(r => r.Msn == "123456").Action);
        Assert.Equal(SalesUnitStatus.Disabled, rows.Single(r => r.Msn == "123456").Refreshed!.Status);
    }
}
