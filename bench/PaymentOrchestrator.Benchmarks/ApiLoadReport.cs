using System.Globalization;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>The API-load section of docs/performance.md (<see cref="ApiLoadSuite"/>).</summary>
internal static class ApiLoadReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Section(ApiLoadResult? result, Action<string> L)
    {
        L("### The HTTP API under a finance client's load (issue 21)");
        L(string.Empty);
        if (result is null)
        {
            L("Not measured in this run (`--only api`).");
            L(string.Empty);
            return;
        }

        L(string.Create(Inv, $"The local host as a child process; one payment of {HostWorkloads.Amount / 100.0:F2} NOK created and captured through its queue, then"));
        L(string.Create(Inv, $"{ApiLoadSuite.SequentialRefunds} refunds of 1 øre with `POST /api/refunds` one after another, {ApiLoadSuite.ConcurrentRefunds} sent at once, and {ApiLoadSuite.Reads} reads"));
        L("in turn of the key's own payment, its own list, another source's sales unit and an unknown one (both must be 404).");
        L("The simulator's rate limits are off (Vipps allows 5 refunds a minute per payment). Latency is per request; *settled*");
        L("is how long after the last request the payment's refunded amount reached every accepted refund.");
        L(string.Empty);
        L("| phase | requests | answers | 5xx | p50 ms | p99 ms | wall s |");
        L("|---|---:|---|---:|---:|---:|---:|");
        foreach (var phase in result.Phases)
        {
            var statuses = string.Join(", ", phase.Statuses.Select(s => string.Create(Inv, $"{s.Value} × {(s.Key == 0 ? "no answer" : s.Key)}")));
            L(string.Create(Inv, $"| {phase.Name} | {phase.Requests} | {statuses} | {phase.ServerErrors} | {phase.Stats.P50Ms:F0} | {phase.Stats.P99Ms:F0} | {phase.Seconds:F1} |"));
        }

        L(string.Empty);
        L(string.Create(Inv, $"Accepted refunds: {result.AcceptedRefunds}; refunded at Vipps: {result.RefundedMinorUnits} øre, {result.SettleSeconds:F1} s after the last request."));
        L(string.Create(Inv, $"Host RSS: {Mib(result.RssBefore):F0} MiB before, {Mib(result.RssAfter):F0} MiB after ({result.RssAfter / (double)result.RssBefore:F2}×), peak {Mib(result.RssPeak):F0} MiB."));
        L(string.Empty);
    }

    private static double Mib(long bytes) => bytes / (1024.0 * 1024);
}
