using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.SalesUnits;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Tests.SalesUnits;

/// <summary>
/// A refresh never disables every active unit at once: wrong keys must not stop every merchant's payments.
/// </summary>
public sealed class SalesUnitSyncSafetyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    private static SalesUnit Unit(string msn, SalesUnitStatus status = SalesUnitStatus.Active) =>
        new(Msn.Create(msn).Value, "Shop " + msn, Market.Norway, VippsEnvironment.Production, "partner", ["webshop/acme"], status, Now.AddDays(-1), Now.AddDays(-1));

    private static SalesUnitFound Found(string msn) => new(new SalesUnitDetails { Msn = msn, Name = "Shop " + msn });

    private static SalesUnitUnavailable NotLinked(string msn) => new(MerchantSerialNumber.Create(msn), 403, "Sales unit is not linked to these API keys.");

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
