using System.Globalization;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>The list/export section of docs/performance.md (<see cref="ListExportSuite"/>).</summary>
internal static class ListExportReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Section(IReadOnlyList<ListExportPoint> points, string azurite, Action<string> L)
    {
        L("### The payment list and the CSV export by partition size (issue 24)");
        L(string.Empty);
        if (points.Count == 0)
        {
            L("Not measured in this run (`--only list`).");
            L(string.Empty);
            return;
        }

        L(string.Create(Inv, $"One sales unit's partition on its own Azurite ({azurite}), seeded straight through table transactions: per payment its saga"));
        L("row (summary columns and a 1.5 KB state), its list index row and one capture line. A *page* is 50 rows from the list");
        L("index (half from the top, half from the middle by created range; 40 samples). *Filtered* is a page whose money status");
        L("no row has: it reads its 5,000-row budget and hands back a token. *Partition read* is what every page cost before the");
        L("index: every saga row's summary columns. *Totals* add up every saga row of the index (no filter; the list's columns).");
        L("The *export* writes every payment and capture line of the range to a discarding stream, in this process on the");
        L("host's code; memory is sampled every 20 ms during it (*managed peak*, garbage included), and *retained* is the heap");
        L("after a full compacting collection once it is done, above the same before it: what the export keeps.");
        L(string.Empty);
        L("| payments | page p50 ms | page p99 ms | filtered page ms | partition read ms (before) | totals ms | export s | export lines | export MiB | managed peak MiB | retained MiB | allocated MiB | process RSS peak MiB |");
        L("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            L(string.Create(Inv, $"| {p.Payments:N0} | {p.PageP50Ms:F1} | {p.PageP99Ms:F1} | {p.FilteredPageMs:F0} | {p.PartitionReadMs:F0} | {p.TotalsMs:F0} | {p.ExportSeconds:F1} | {p.ExportLines:N0} | {p.ExportMiB:F1} | {p.ExportManagedPeakMiB:F1} | {p.ExportRetainedMiB:F2} | {p.ExportAllocatedMiB:F0} | {p.ExportRssPeakMiB:F0} |"));
        }

        L(string.Empty);
    }
}
