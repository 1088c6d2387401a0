using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Storage;
using Spectre.Console;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>One partition size's list and export figures (<see cref="ListExportSuite"/>).</summary>
/// <param name="PageP50Ms">A page of 50 from the list index (newest first, and from the middle of the partition by created range).</param>
/// <param name="FilteredPageMs">p50 of a page filtered by a money status no row has: the 5,000-row budget read, then a token.</param>
/// <param name="PartitionReadMs">p50 of reading every saga's summary of the partition, what each page cost before the index.</param>
/// <param name="TotalsMs">p50 of the totals of every row (<see cref="PaymentListQuery.TotalsAsync"/>, no filter): one read of the index's saga rows.</param>
/// <param name="ExportSeconds">Writing the whole export (every payment and its capture line) to a discarding stream.</param>
/// <param name="ExportManagedPeakMiB">Highest managed heap above the heap before the export, sampled every 20 ms (garbage included).</param>
/// <param name="ExportRetainedMiB">Managed heap after a full, compacting collection once the export is done, above the same before it: what the export keeps.</param>
/// <param name="ExportRssPeakMiB">The process's highest working set during the export.</param>
internal sealed record ListExportPoint(
    int Payments,
    double SeedSeconds,
    double PageP50Ms,
    double PageP99Ms,
    double FilteredPageMs,
    double PartitionReadMs,
    double TotalsMs,
    double ExportSeconds,
    long ExportLines,
    double ExportMiB,
    double ExportManagedPeakMiB,
    double ExportRetainedMiB,
    double ExportAllocatedMiB,
    double ExportRssPeakMiB);

/// <summary>
/// The payment list and the CSV export at 1,000, 10,000 and 100,000 payments in one sales unit (issue 24 item 3): rows
/// seeded straight into one partition in transactions of 99 (a saga row, its list index row and a capture line per
/// payment, as saves write them), then pages, a filtered page, the partition read the list used to do, and the export,
/// run in this process on the store and query code the host runs (no HTTP in between).
/// </summary>
internal static class ListExportSuite
{
    private const int PageSamples = 40;
    private static readonly Msn SalesUnit = Msn.Create("123456").Value;
    private static readonly DateTimeOffset Base = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Creation instants spread over 320 days at the largest size, so one export range covers them all.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(276);

    public static async Task<IReadOnlyList<ListExportPoint>> RunAsync(SuiteOptions options, ProgressContext progress, CancellationToken cancellationToken)
    {
        int[] sizes = options.Quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
        await using var azurite = await BenchAzurite.StartAsync(options, cancellationToken);
        var table = new StorageClients(azurite.Server.ConnectionString).Tables.GetTableClient("listbench");
        await table.CreateIfNotExistsAsync(cancellationToken);
        var points = new List<ListExportPoint>();
        var seeded = 0;
        foreach (var size in sizes)
        {
            var seed = progress.AddTask($"list/export: seed {size:N0} payments");
            var clock = Stopwatch.StartNew();
            await SeedAsync(table, seeded, size, f => seed.Value = 100 * f, cancellationToken);
            seed.Value = 100;
            var seedSeconds = clock.Elapsed.TotalSeconds;
            seeded = size;

            var task = progress.AddTask($"list/export: measure at {size:N0}");
            var store = new SagaStore(table);
            await store.EnsureListIndexAsync(SalesUnit, cancellationToken);
            var pages = new List<double>();
            for (var i = 0; i < PageSamples; i++)
            {
                // Half the pages from the top, half from the middle of the partition (a created range ending there).
                var filter = new PaymentListFilter(Limit: 50, To: i % 2 == 0 ? null : Base + (Step * (size / 2)));
                var started = Stopwatch.GetTimestamp();
                var page = await PaymentListQuery.PageAsync(store, SalesUnit, filter, cancellationToken);
                pages.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (page.Items.Count != 50)
                {
                    throw new InvalidOperationException($"A page at {size} payments had {page.Items.Count} rows.");
                }
            }

            task.Value = 30;
            var filtered = await MedianMsAsync(3, () => PaymentListQuery.PageAsync(store, SalesUnit, new PaymentListFilter(Status: MoneyStatus.Refunded), cancellationToken));
            task.Value = 45;
            var partition = await MedianMsAsync(size >= 100_000 ? 3 : 5, () => store.ListAsync(SalesUnit, cancellationToken: cancellationToken));
            task.Value = 60;
            var totals = await MedianMsAsync(3, async () =>
            {
                var all = await PaymentListQuery.TotalsAsync(store, SalesUnit, new PaymentListFilter(), cancellationToken);
                return all.Count == size && all.Complete ? all : throw new InvalidOperationException($"The totals at {size} payments covered {all.Count}.");
            });
            task.Value = 70;
            var export = await ExportAsync(store, cancellationToken);
            task.Value = 100;
            var stats = LatencyStats.From(pages, 0, pages.Sum() / 1000);
            var point = new ListExportPoint(size, seedSeconds, stats.P50Ms, stats.P99Ms, filtered, partition, totals,
                export.Seconds, export.Lines, export.Bytes / 1048576.0, export.ManagedPeak / 1048576.0, export.Retained / 1048576.0,
                export.Allocated / 1048576.0, export.RssPeak / 1048576.0);
            points.Add(point);
            // Each size as it is measured: the 100,000 row takes minutes to seed.
            AnsiConsole.MarkupLine(Markup.Escape($"list/export point: {point}"));
        }

        return points;
    }

    /// <summary>Payments <paramref name="from"/> to <paramref name="to"/> − 1: saga row, list row and capture line each, 33 payments a transaction, 4 at once.</summary>
    private static async Task SeedAsync(TableClient table, int from, int to, Action<double> progress, CancellationToken cancellationToken)
    {
        var chunks = Enumerable.Range(from, to - from).Chunk(33).ToList();
        var done = 0;
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            var actions = chunk.SelectMany(Rows).Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList();
            await table.SubmitTransactionAsync(actions, ct);
            progress((double)Interlocked.Increment(ref done) / chunks.Count);
        });
    }

    private static IEnumerable<TableEntity> Rows(int i)
    {
        var id = "order-" + i.ToString("D7", CultureInfo.InvariantCulture);
        var created = Base + (Step * i);
        var key = new SagaKey(SagaKind.Payment, SalesUnit, id);
        var summary = new Dictionary<string, object?>
        {
            ["Kind"] = nameof(SagaKind.Payment), ["SagaId"] = id, ["Status"] = "Authorized", ["IsFinished"] = false, ["Currency"] = "NOK",
            ["AmountMinorUnits"] = 49_900L, ["CapturedMinorUnits"] = 49_900L, ["RefundedMinorUnits"] = 0L, ["CancelledMinorUnits"] = 0L,
            ["CreatedAt"] = created, ["UpdatedAt"] = created.AddMinutes(3),
        };
        var saga = new TableEntity(SalesUnit.Value, "S|" + key.RowKey) { ["State"] = new string('x', 1_500) };
        var listed = new TableEntity(SalesUnit.Value, SagaListIndex.SagaRowKey(key, created)) { ["Entry"] = "saga" };
        foreach (var (name, value) in summary)
        {
            saga[name] = value;
            listed[name] = value;
        }

        yield return saga;
        yield return listed;
        yield return new TableEntity(SalesUnit.Value, SagaListIndex.OperationRowKey(key, created, OperationKind.Capture, "ship-1"))
        {
            ["Entry"] = "capture", ["Kind"] = nameof(SagaKind.Payment), ["SagaId"] = id, ["OperationId"] = "ship-1", ["AmountMinorUnits"] = 49_900L,
            ["Currency"] = "NOK", ["Status"] = "Succeeded", ["CreatedAt"] = created, ["AcceptedAt"] = created.AddMinutes(2), ["SucceededAt"] = created.AddMinutes(3),
            ["RequestedBy"] = "webshop/bench",
        };
    }

    private static async Task<double> MedianMsAsync<T>(int samples, Func<Task<T>> run)
    {
        var times = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static async Task<(double Seconds, long Lines, long Bytes, long ManagedPeak, long Retained, long Allocated, long RssPeak)> ExportAsync(
        SagaStore store, CancellationToken cancellationToken)
    {
        var heapBefore = CollectedHeap();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long managedPeak = 0, rssPeak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false) - heapBefore);
                process.Refresh();
                rssPeak = Math.Max(rssPeak, process.WorkingSet64);
                try
                {
                    await Task.Delay(20, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }, CancellationToken.None);

        var counting = new CountingStream();
        var started = Stopwatch.GetTimestamp();
        await using (var writer = new StreamWriter(counting, new System.Text.UTF8Encoding(true), 16 * 1024))
        {
            await PaymentExport.WriteAsync(store, SalesUnit, Base, Base.AddDays(PaymentExport.MaxDays), CsvSeparator.Semicolon, writer, cancellationToken);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (seconds, counting.Lines, counting.Length, managedPeak, CollectedHeap() - heapBefore, allocated, rssPeak);
    }

    /// <summary>The managed heap once garbage is gone: a full blocking, compacting collection, finalizers run, collected again.</summary>
    private static long CollectedHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Discards what is written, counting bytes and line ends.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public long Lines { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _length += buffer.Length;
            Lines += buffer.Count((byte)'\n');
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
