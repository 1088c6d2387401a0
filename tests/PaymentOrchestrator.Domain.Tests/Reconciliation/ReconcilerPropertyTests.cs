using FsCheck.Xunit;
using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Values;
using static PaymentOrchestrator.Domain.Tests.Reconciliation.ReconcilerTests;

namespace PaymentOrchestrator.Domain.Tests.Reconciliation;

/// <summary>
/// Random days: our operations, Vipps' side built from them, then entries dropped, amounts moved and portal captures
/// added. Whatever the day: each side's items land in exactly one class, and each injected fault is found.
/// </summary>
public class ReconcilerPropertyTests
{
    private static readonly string[] References = ["a", "b", "c"];
    private static readonly long[] Amounts = [100, 100, 250, 1_000];

    [Property(MaxTest = 300)]
    public void every_entry_and_every_operation_lands_in_exactly_one_class(int[] script)
    {
        var (ours, theirs, _) = Day(script);

        var report = Reconcile(ours, theirs);

        var entriesSeen = report.Matched.Select(m => m.Theirs).Concat(report.AmountMismatches.Select(m => m.Theirs)).Concat(report.UnknownToUs).ToList();
        var opsSeen = report.Matched.Select(m => m.Ours).Concat(report.AmountMismatches.Select(m => m.Ours)).Concat(report.MissingAtVipps).Concat(report.OutsideDate).ToList();
        Assert.Equal(theirs.Where(e => e.OperationKind is not null).Select(e => e.PspReference).Order(), entriesSeen.Select(e => e.PspReference).Order());
        Assert.Equal(ours.Count, opsSeen.Count);
        Assert.True(ours.All(o => opsSeen.Count(s => ReferenceEquals(s, o)) == 1));
    }

    [Property(MaxTest = 300)]
    public void a_day_settled_exactly_as_executed_is_clean(int[] script)
    {
        var (ours, theirs, _) = Day(script, faults: false);

        var report = Reconcile(ours, theirs);

        Assert.True(report.IsClean);
        Assert.Equal(ours.Count, report.Matched.Count);
    }

    [Property(MaxTest = 300)]
    public void each_injected_fault_is_reported_in_its_class_when_operations_carry_their_psp_reference(int[] script)
    {
        var (ours, theirs, faults) = Day(script, withPsp: true);

        var report = Reconcile(ours, theirs);

        Assert.Equal(faults.Dropped, report.MissingAtVipps.Count);
        Assert.Equal(faults.Portal, report.UnknownToUs.Count);
        Assert.Equal(faults.OffByOne, report.AmountMismatches.Count);
        Assert.All(report.AmountMismatches, m => Assert.Equal(1, Math.Abs(m.Difference)));
    }

    private sealed record Faults(int Dropped, int Portal, int OffByOne);

    private static (List<ExecutedOperation> Ours, List<SettlementEntry> Theirs, Faults Faults) Day(int[]? script, bool withPsp = false, bool faults = true)
    {
        var ours = new List<ExecutedOperation>();
        var theirs = new List<SettlementEntry>();
        int dropped = 0, portal = 0, offByOne = 0, psp = 0;
        foreach (var step in script ?? [])
        {
            var pick = (uint)step;
            var reference = References[pick % 3];
            var kind = (pick / 3) % 2 == 0 ? SettlementOperationKind.Capture : SettlementOperationKind.Refund;
            var amount = Amounts[(pick / 6) % 4];
            var at = Start.AddMinutes(psp);
            var id = (++psp).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var entry = Entry(id, kind == SettlementOperationKind.Capture ? "capture" : "refund", reference, kind == SettlementOperationKind.Capture ? amount : -amount, at);
            var fault = faults ? (pick / 24) % 8 : 7;
            switch (fault)
            {
                case 0:
                    portal++;
                    theirs.Add(entry with { Reference = "portal-" + id });
                    continue;
                case 1:
                    dropped++;
                    break;
                case 2:
                    offByOne++;
                    theirs.Add(entry with { Amount = entry.Amount + (kind == SettlementOperationKind.Capture ? 1 : -1) });
                    break;
                default:
                    theirs.Add(entry);
                    break;
            }

            ours.Add(new ExecutedOperation(Unit, reference, kind, new Money(amount, Currency.NOK), at, withPsp ? id : null));
        }

        return (ours, theirs, new Faults(dropped, portal, offByOne));
    }
}
